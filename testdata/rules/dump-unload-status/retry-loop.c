// RUN: %dumpcheck --verify %s
// Not a finding: a loop retries while the helper reports a retryable error; every
// exit returns STATUS_SUCCESS or an error.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static volatile LONG g_Busy;

static NTSTATUS FltTryRelease(VOID)
{
    if (g_Busy != 0)
        return STATUS_RETRY;
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status = STATUS_UNSUCCESSFUL;
    ULONG attempt;

    UNREFERENCED_PARAMETER(FilterExtension);
    for (attempt = 0; attempt < 5; attempt++) {
        status = FltTryRelease();
        if (status != STATUS_RETRY)
            break;
    }
    return status;
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
