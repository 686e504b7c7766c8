// RUN: %dumpcheck --verify %s
// Not a finding: the path that registers DumpRead with version 1 fails (returns an
// error): nothing is registered on it.

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

static NTSTATUS FltDumpRead(PFILTER_EXTENSION Ext, PLARGE_INTEGER Offset, PMDL Mdl)
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

NTSTATUS FltDumpEntry(PFILTER_EXTENSION Ext, PFILTER_INITIALIZATION_DATA Data)
{
    Data->MajorVersion = DUMP_FILTER_MAJOR_VERSION_1;
    Data->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    Data->DumpWrite = FltDumpWrite;
    Data->DumpUnload = FltDumpUnload;
    Data->DumpRead = FltDumpRead;
    if (Ext->DumpType != DumpTypeHibernation)
        return STATUS_NOT_SUPPORTED;
    Data->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    Data->Flags = DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ;
    return STATUS_SUCCESS;
}
