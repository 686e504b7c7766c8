// RUN: %dumpcheck --verify %s
// Not a finding: a designated initializer with version 2 and the read flag,
// copied into the system's structure with '*Data = init;'.

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
    FILTER_INITIALIZATION_DATA init = {
        .MajorVersion = DUMP_FILTER_MAJOR_VERSION,
        .MinorVersion = DUMP_FILTER_MINOR_VERSION,
        .DumpWrite = FltDumpWrite,
        .DumpUnload = FltDumpUnload,
        .MaxPagesPerWrite = 16,
        .Flags = DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ | DUMP_FILTER_CRITICAL,
        .DumpRead = FltDumpRead,
    };

    UNREFERENCED_PARAMETER(Ext);
    *Data = init;
    return STATUS_SUCCESS;
}
