// RUN: %dumpcheck --verify %s
// Pool memory released with MmFreeContiguousMemory.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'pmDf'

static PVOID g_Buffer;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    MmFreeContiguousMemory(g_Buffer); // expected-warning{{[dump-release-mismatch]}}
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, 4 * PAGE_SIZE, FLT_TAG);
    if (g_Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
