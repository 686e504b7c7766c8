// RUN: %dumpcheck --verify %s
// Not a finding: no DumpUnload, but nothing is acquired for the dump stack
// either.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static ULONG g_Writes;

static NTSTATUS FltDumpWrite(PFILTER_EXTENSION Ext, PLARGE_INTEGER Offset, PMDL Mdl)
{
    UNREFERENCED_PARAMETER(Ext);
    UNREFERENCED_PARAMETER(Offset);
    UNREFERENCED_PARAMETER(Mdl);
    g_Writes++;
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpWrite = FltDumpWrite;
    return STATUS_SUCCESS;
}
