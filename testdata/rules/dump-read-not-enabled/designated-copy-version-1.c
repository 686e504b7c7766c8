// RUN: %dumpcheck --verify %s
// A designated initializer copied with '*Data = init;' that registers DumpRead
// with version 1: the finding is at the registration, the '.DumpRead =' designator.

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
    FILTER_INITIALIZATION_DATA init = {
        .MajorVersion = DUMP_FILTER_MAJOR_VERSION_1,
        .MinorVersion = DUMP_FILTER_MINOR_VERSION,
        .DumpWrite = FltDumpWrite,
        .DumpUnload = FltDumpUnload,
        .Flags = DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ,
        .DumpRead = FltDumpRead, // expected-warning{{MajorVersion is not DUMP_FILTER_MAJOR_VERSION}}
    };

    UNREFERENCED_PARAMETER(Ext);
    *Data = init;
    return STATUS_SUCCESS;
}
