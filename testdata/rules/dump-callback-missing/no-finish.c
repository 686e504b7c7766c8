// RUN: %dumpcheck --verify %s
// Not a finding: a filter that simply has no DumpFinish (and no function for
// it); the callbacks are optional.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static NTSTATUS FltDumpWrite(PFILTER_EXTENSION Ext, PLARGE_INTEGER Offset, PMDL Mdl)
{
    UNREFERENCED_PARAMETER(Ext);
    UNREFERENCED_PARAMETER(Offset);
    UNREFERENCED_PARAMETER(Mdl);
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION Ext)
{
    UNREFERENCED_PARAMETER(Ext);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpWrite = FltDumpWrite;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
