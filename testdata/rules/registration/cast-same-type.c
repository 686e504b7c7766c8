// RUN: %dumpcheck --list-callbacks %s | FileCheck %s
// RUN: %dumpcheck --verify %s
// Registration through a cast to the field's own type: '(PDUMP_UNLOAD)F'.
// CHECK-DAG: {{^}}DumpUnload{{ +}}FltDumpUnload
// CHECK-DAG: {{^}}DumpStart{{ +}}FltDumpStart

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

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpStart = (PDUMP_START)FltDumpStart;
    init->DumpUnload = (PDUMP_UNLOAD)&FltDumpUnload;
    return STATUS_SUCCESS;
}
