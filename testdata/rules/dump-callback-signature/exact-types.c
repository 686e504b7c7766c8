// RUN: %dumpcheck --verify %s
// Not a finding: exact types, spelled differently -- SAL annotations,
// 'struct _FILTER_EXTENSION *' for PFILTER_EXTENSION, a const-qualified parameter,
// a role declaration, and an explicit cast to the same type.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

DUMP_WRITE FltDumpWrite;

NTSTATUS FltDumpWrite(_In_ PFILTER_EXTENSION Ext, _In_ PLARGE_INTEGER Offset, _In_ PMDL Mdl)
{
    UNREFERENCED_PARAMETER(Ext);
    UNREFERENCED_PARAMETER(Offset);
    UNREFERENCED_PARAMETER(Mdl);
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpStart(struct _FILTER_EXTENSION *Ext)
{
    UNREFERENCED_PARAMETER(Ext);
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpFinish(PFILTER_EXTENSION const Ext)
{
    (void)Ext;
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION Ext)
{
    UNREFERENCED_PARAMETER(Ext);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpStart = FltDumpStart;
    init->DumpWrite = FltDumpWrite;
    init->DumpFinish = FltDumpFinish;
    init->DumpUnload = (PDUMP_UNLOAD)FltDumpUnload;
    return STATUS_SUCCESS;
}
