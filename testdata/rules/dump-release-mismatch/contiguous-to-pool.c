// RUN: %dumpcheck --verify %s
// Contiguous memory released with ExFreePool.

#include <ntddk.h>
#include <ntdddump.h>

static PVOID g_Buffer;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Buffer != NULL)
        ExFreePool(g_Buffer); // expected-warning{{[dump-release-mismatch]}}
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    PHYSICAL_ADDRESS highest;

    highest.QuadPart = -1;
    g_Buffer = MmAllocateContiguousMemory(8 * PAGE_SIZE, highest);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
