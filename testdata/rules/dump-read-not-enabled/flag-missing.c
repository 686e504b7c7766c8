// RUN: %dumpcheck --verify %s
// DumpRead registered with version 2 but Flags lacks
// DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ (only DUMP_FILTER_CRITICAL): the system
// never calls it.

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
    Data->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    Data->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    Data->Flags = DUMP_FILTER_CRITICAL;
    Data->DumpWrite = FltDumpWrite;
    Data->DumpRead = FltDumpRead; // expected-warning{{[dump-read-not-enabled]}}
    Data->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
