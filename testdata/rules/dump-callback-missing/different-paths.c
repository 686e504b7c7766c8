// RUN: %dumpcheck --verify %s
// Not a finding: DumpFinish is set on two different paths (if/else), not
// overwritten on one.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static NTSTATUS FltFinishCrash(PFILTER_EXTENSION Ext)
{
    UNREFERENCED_PARAMETER(Ext);
    return STATUS_SUCCESS;
}

static NTSTATUS FltFinishHiber(PFILTER_EXTENSION Ext)
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
    Data->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    Data->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    if (Ext->DumpType == DumpTypeHibernation)
        Data->DumpFinish = FltFinishHiber;
    else
        Data->DumpFinish = FltFinishCrash;
    Data->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
