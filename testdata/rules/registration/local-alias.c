// RUN: %dumpcheck --list-callbacks %s | FileCheck %s
// RUN: %dumpcheck --verify %s
// A local pointer from DriverEntry's second parameter, through an untyped
// alias: 'PVOID raw = RegistryPath; PFILTER_INITIALIZATION_DATA d = raw;'.
// CHECK: entry point: DriverEntry
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

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PVOID raw = RegistryPath;
    PFILTER_INITIALIZATION_DATA d;

    UNREFERENCED_PARAMETER(DriverObject);
    d = (PFILTER_INITIALIZATION_DATA)raw;
    d->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    d->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    d->DumpWrite = FltDumpWrite;
    d->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
