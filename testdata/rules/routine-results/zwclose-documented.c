// RUN: %dumpcheck --verify %s
// RUN: %dumpcheck --fail-on=note %s
// ZwClose is documented to return STATUS_SUCCESS or an error: returning its
// status, directly or after NT_SUCCESS, keeps the contract (no note).

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static HANDLE g_Log;
static HANDLE g_Key;

static NTSTATUS FltCloseKey(VOID)
{
    NTSTATUS status = ZwClose(g_Key);
    if (!NT_SUCCESS(status))
        return status;
    g_Key = NULL;
    return status;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    status = FltCloseKey();
    if (!NT_SUCCESS(status))
        return status;
    return ZwClose(g_Log);
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
