// RUN: %dumpcheck --list-callbacks %s | FileCheck %s
// RUN: %dumpcheck --verify %s
// A designated initializer copied with '*p = init;'.
// CHECK-DAG: {{^}}DumpStart{{ +}}FltDumpStart
// CHECK-DAG: {{^}}DumpWrite{{ +}}FltDumpWrite
// CHECK-DAG: {{^}}DumpUnload{{ +}}FltDumpUnload

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
    FILTER_INITIALIZATION_DATA init = {
        .MajorVersion = DUMP_FILTER_MAJOR_VERSION,
        .MinorVersion = DUMP_FILTER_MINOR_VERSION,
        .DumpStart = FltDumpStart,
        .DumpWrite = FltDumpWrite,
        .DumpUnload = FltDumpUnload,
        .MaxPagesPerWrite = 16,
    };

    UNREFERENCED_PARAMETER(Ext);
    *p = init;
    return STATUS_SUCCESS;
}
