// RUN: %dumpcheck --verify %s
// Not a finding: a value of unknown origin is mapped onto the contract with
// NT_SUCCESS(s) ? STATUS_SUCCESS : s.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static HANDLE g_Log;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Log == NULL)
        return STATUS_SUCCESS;
    status = ZwClose(g_Log);
    g_Log = NULL;
    return NT_SUCCESS(status) ? STATUS_SUCCESS : status;
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
