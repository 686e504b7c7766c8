// RUN: %dumpcheck --verify %s
// Not a finding: the status is reassigned in a goto clean-up block; every path
// to the return carries STATUS_SUCCESS or an error.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static ULONG g_Step;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status = STATUS_PENDING;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Step == 1)
        goto Cleanup;
    if (g_Step == 2) {
        status = STATUS_BUFFER_OVERFLOW;
        goto Cleanup;
    }
    status = STATUS_SUCCESS;
    goto Exit;

Cleanup:
    g_Step = 0;
    status = STATUS_UNSUCCESSFUL;
Exit:
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
