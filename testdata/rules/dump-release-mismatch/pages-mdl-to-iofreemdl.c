// RUN: %dumpcheck --verify %s
// An MDL from MmAllocatePagesForMdl handed to IoFreeMdl before its pages went
// back with MmFreePagesFromMdl.

#include <ntddk.h>
#include <ntdddump.h>

static PMDL g_PagesMdl;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_PagesMdl != NULL)
        IoFreeMdl(g_PagesMdl); // expected-warning{{[dump-release-mismatch]}}
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    PHYSICAL_ADDRESS low, high, skip;

    low.QuadPart = 0;
    high.QuadPart = -1;
    skip.QuadPart = 0;
    g_PagesMdl = MmAllocatePagesForMdl(low, high, skip, 16 * PAGE_SIZE);
    if (g_PagesMdl == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
