// RUN: %dumpcheck --verify %s
// Not a finding: Flags comes from a routine outside the analysed code (decided at
// run time from the OS version); the checker cannot evaluate it.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

ULONG FltQueryReadSupportFlags(VOID);

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
    Data->Flags = FltQueryReadSupportFlags();
    Data->DumpWrite = FltDumpWrite;
    Data->DumpRead = FltDumpRead;
    Data->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
