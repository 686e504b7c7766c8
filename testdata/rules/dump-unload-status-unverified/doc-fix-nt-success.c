// RUN: %dumpcheck --verify %s
// NT_SUCCESS(s) ? STATUS_SUCCESS : s is not enough to prove the contract: the
// failing side of NT_SUCCESS still includes warning statuses (0x8...), so the
// value from ZwFlushKey (whose results the rule pack does not document) stays unverified (the fix is an NT_ERROR test).

#include <ntddk.h>
#include <ntdddump.h>


static HANDLE g_Log;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Log == NULL)
        return STATUS_SUCCESS;
    status = ZwFlushKey(g_Log);
    g_Log = NULL;
    return NT_SUCCESS(status) ? STATUS_SUCCESS : status; // expected-note{{[dump-unload-status-unverified]}}
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
