// RUN: %dumpcheck --verify %s
// A function declared with a role type (DUMP_UNLOAD FltDumpUnload;) is
// defined but never registered: the finding is at the role declaration.

#include <ntddk.h>
#include <ntdddump.h>

DUMP_START  FltDumpStart;
DUMP_WRITE  FltDumpWrite;
DUMP_UNLOAD FltDumpUnload; // expected-warning{{[dump-callback-missing]}}

NTSTATUS FltDumpStart(PFILTER_EXTENSION Ext)
{
    UNREFERENCED_PARAMETER(Ext);
    return STATUS_SUCCESS;
}

NTSTATUS FltDumpWrite(PFILTER_EXTENSION Ext, PLARGE_INTEGER Offset, PMDL Mdl)
{
    UNREFERENCED_PARAMETER(Ext);
    UNREFERENCED_PARAMETER(Offset);
    UNREFERENCED_PARAMETER(Mdl);
    return STATUS_SUCCESS;
}

NTSTATUS FltDumpUnload(PFILTER_EXTENSION Ext)
{
    UNREFERENCED_PARAMETER(Ext);
    return STATUS_SUCCESS;
}

NTSTATUS FltDumpEntry(PFILTER_EXTENSION Ext, PFILTER_INITIALIZATION_DATA Data)
{
    UNREFERENCED_PARAMETER(Ext);
    Data->MajorVersion = DUMP_FILTER_MAJOR_VERSION_1;
    Data->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    Data->DumpStart = FltDumpStart;
    Data->DumpWrite = FltDumpWrite;
    return STATUS_SUCCESS;
}
