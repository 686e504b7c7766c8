// RUN: %dumpcheck --list-callbacks %s | FileCheck %s
// RUN: %dumpcheck --verify %s
// A positional initializer of a file-scope constant, copied with RtlCopyMemory.
// CHECK-DAG: {{^}}DumpStart{{ +}}FltDumpStart
// CHECK-DAG: {{^}}DumpWrite{{ +}}FltDumpWrite
// CHECK-DAG: {{^}}DumpUnload{{ +}}FltDumpUnload
// CHECK-NOT: {{^}}DumpFinish

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

static const FILTER_INITIALIZATION_DATA FltTemplate = {
    DUMP_FILTER_MAJOR_VERSION,
    DUMP_FILTER_MINOR_VERSION,
    FltDumpStart,
    FltDumpWrite,
    NULL,
    FltDumpUnload,
};

NTSTATUS FltDumpEntry(PFILTER_EXTENSION Ext, PFILTER_INITIALIZATION_DATA p)
{
    UNREFERENCED_PARAMETER(Ext);
    RtlCopyMemory(p, &FltTemplate, sizeof(FltTemplate));
    p->MaxPagesPerWrite = 16;
    return STATUS_SUCCESS;
}
