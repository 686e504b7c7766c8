// RUN: %dumpcheck --verify %s
// Not a finding: a static helper that happens to have a callback's exact type
// (NTSTATUS (PFILTER_EXTENSION)) is called by the registered unload, not meant
// for registration.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static ULONG g_Writes;

static NTSTATUS FltResetCounters(PFILTER_EXTENSION Ext)
{
    UNREFERENCED_PARAMETER(Ext);
    g_Writes = 0;
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION Ext)
{
    NTSTATUS status = FltResetCounters(Ext);

    if (!NT_SUCCESS(status))
        return status;
    return STATUS_SUCCESS;
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
