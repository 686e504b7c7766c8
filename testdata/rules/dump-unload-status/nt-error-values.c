// RUN: %dumpcheck --verify %s
// Not a finding: several error statuses of ntstatus.h, written as names, as a
// cast hex literal, and through a variable assigned on every path.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static ULONG g_Reason;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Reason == 1)
        status = STATUS_INSUFFICIENT_RESOURCES;
    else if (g_Reason == 2)
        status = (NTSTATUS)0xC0000001L; /* STATUS_UNSUCCESSFUL */
    else if (g_Reason == 3)
        status = STATUS_NOT_SUPPORTED;
    else
        status = STATUS_SUCCESS;
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
