// RUN: %dumpcheck --verify %s
// Dump_Start allocates the scratch buffer only for hibernation; the unload
// never releases it: still a leak (on the paths where it was acquired).

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'tlFD'

static PVOID g_Scratch;

static NTSTATUS FltDumpStart(PFILTER_EXTENSION FilterExtension)
{
    if (FilterExtension->DumpType == DumpTypeHibernation) {
        g_Scratch = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
        if (g_Scratch == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS; // expected-warning{{'g_Scratch'}}
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpStart = FltDumpStart;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
