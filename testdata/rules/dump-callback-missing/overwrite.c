// RUN: %dumpcheck --verify %s
// A registration overwritten on the same path (copy-paste slip: the start
// routine lands in the DumpFinish slot, then DumpFinish is set again): the finding
// is at the overwriting assignment.

#include <ntddk.h>
#include <ntdddump.h>

static NTSTATUS FltDumpStart(PFILTER_EXTENSION Ext)
{
    UNREFERENCED_PARAMETER(Ext);
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpFinish(PFILTER_EXTENSION Ext)
{
    UNREFERENCED_PARAMETER(Ext);
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
    Data->DumpFinish = FltDumpStart;
    Data->DumpFinish = FltDumpFinish; // expected-warning{{[dump-callback-missing]}}
    Data->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
