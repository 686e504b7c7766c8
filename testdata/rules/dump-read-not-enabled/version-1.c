// RUN: %dumpcheck --verify %s
// DumpRead registered with the read flag but MajorVersion 1 (copied from an
// older sample).

#include <ntddk.h>
#include <ntdddump.h>

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
    UNREFERENCED_PARAMETER(Ext);
    Data->MajorVersion = DUMP_FILTER_MAJOR_VERSION_1;
    Data->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    Data->DumpWrite = FltDumpWrite;
    Data->DumpRead = FltDumpRead; // expected-warning{{[dump-read-not-enabled]}}
    Data->DumpUnload = FltDumpUnload;
    Data->Flags |= DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ;
    return STATUS_SUCCESS;
}
