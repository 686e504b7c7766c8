// RUN: %dumpcheck --verify %s
// A helper of Dump_Finish returns STATUS_MORE_ENTRIES; Dump_Finish hands it
// on. The finding is at Dump_Finish's return.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_LogCount;

static NTSTATUS FltSealLog(VOID)
{
    if (g_LogCount > 64)
        return STATUS_MORE_ENTRIES;
    g_LogCount = 0;
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpFinish(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    status = FltSealLog();
    return status; // expected-warning{{[dump-callback-status]}}
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpFinish = FltDumpFinish;
    return STATUS_SUCCESS;
}
