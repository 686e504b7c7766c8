// RUN: %dumpcheck --verify %s
// An allocation assigned inside the condition: 'if ((p = Alloc(...)) == NULL)'
// refines the state on both branches. The unload leaks the log only on the path
// where it was allocated and the filter is busy.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'tlFD'

static PVOID g_Log;
static ULONG g_Busy;

static NTSTATUS FltDumpStart(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if ((g_Log = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG)) == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Log == NULL)
        return STATUS_SUCCESS;
    if (g_Busy)
        return STATUS_DEVICE_NOT_READY; // expected-warning{{'g_Log'}}
    ExFreePoolWithTag(g_Log, FLT_TAG);
    return STATUS_SUCCESS;
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
