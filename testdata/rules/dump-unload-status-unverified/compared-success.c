// RUN: %dumpcheck --verify %s
// Not a finding: the external status is compared with STATUS_SUCCESS and
// returned only on the equal side.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static HANDLE g_Key;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    status = ZwClose(g_Key);
    if (status != STATUS_SUCCESS)
        return STATUS_UNSUCCESSFUL;
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
