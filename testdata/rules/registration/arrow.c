// RUN: %dumpcheck --list-callbacks %s | FileCheck %s
// RUN: %dumpcheck --verify %s
// Registration through the parameter: 'p->DumpUnload = F;'.
// CHECK-DAG: {{^}}DumpStart{{ +}}FltDumpStart
// CHECK-DAG: {{^}}DumpUnload{{ +}}FltDumpUnload
// CHECK-NOT: {{^}}DumpWrite

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

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

NTSTATUS FltDumpEntry(PFILTER_EXTENSION Ext, PFILTER_INITIALIZATION_DATA p)
{
    UNREFERENCED_PARAMETER(Ext);
    p->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    p->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    p->DumpStart = FltDumpStart;
    p->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}

NTSTATUS FltUnusedHelperWrite(PFILTER_EXTENSION Ext, PLARGE_INTEGER Offset, PMDL Mdl)
{
    return FltDumpWrite(Ext, Offset, Mdl);
}
