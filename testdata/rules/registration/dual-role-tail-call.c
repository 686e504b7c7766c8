// RUN: %dumpcheck --list-callbacks %s | FileCheck %s
// RUN: %dumpcheck --verify %s
// A dual-role DriverEntry: as an ordinary driver it sets DriverUnload; as a dump
// filter it tail-calls XxxDumpFilterEntry with its two parameters cast.
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

static BOOLEAN FltLoadedAsDumpFilter(PDRIVER_OBJECT DriverObject)
{
    return DriverObject->DriverStart == NULL;
}

static VOID FltDriverUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
}

NTSTATUS XxxDumpFilterEntry(PFILTER_EXTENSION FilterExtension, PFILTER_INITIALIZATION_DATA FilterInitData)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    FilterInitData->MajorVersion = DUMP_FILTER_MAJOR_VERSION_1;
    FilterInitData->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    FilterInitData->DumpWrite = FltDumpWrite;
    FilterInitData->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    if (FltLoadedAsDumpFilter(DriverObject))
        return XxxDumpFilterEntry((PFILTER_EXTENSION)DriverObject, (PFILTER_INITIALIZATION_DATA)RegistryPath);
    DriverObject->DriverUnload = FltDriverUnload;
    UNREFERENCED_PARAMETER(RegistryPath);
    return STATUS_SUCCESS;
}
