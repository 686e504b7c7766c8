// RUN: %dumpcheck --verify %s
// Not a finding: the two-step release of pages allocated for an MDL --
// MmFreePagesFromMdl, then ExFreePool of the MDL itself.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static PMDL g_PagesMdl;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_PagesMdl != NULL) {
        MmFreePagesFromMdl(g_PagesMdl);
        ExFreePool(g_PagesMdl);
        g_PagesMdl = NULL;
    }
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
    g_PagesMdl = MmAllocatePagesForMdlEx(low, high, skip, 16 * PAGE_SIZE, MmCached, MM_ALLOCATE_FULLY_REQUIRED);
    if (g_PagesMdl == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
