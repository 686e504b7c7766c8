// RUN: %dumpcheck --list-callbacks %s | FileCheck %s
// RUN: %dumpcheck --verify %s
// The entry point calls a helper that fills the structure.
// CHECK: entry point: DriverEntry
// CHECK-DAG: {{^}}DumpStart{{ +}}FltDumpStart
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

static VOID FltFillInitData(PFILTER_INITIALIZATION_DATA Data)
{
    Data->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    Data->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    Data->DumpStart = FltDumpStart;
    Data->DumpUnload = FltDumpUnload;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    FltFillInitData((PFILTER_INITIALIZATION_DATA)RegistryPath);
    return STATUS_SUCCESS;
}
