// RUN: %dumpcheck --list-callbacks %s | FileCheck %s
// RUN: %dumpcheck --verify %s
// File-scope function-pointer variables initialised with the callbacks
// ('PDUMP_START g_start = FltDumpStart;'), then stored in the structure.
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

static PDUMP_START g_start = FltDumpStart;
static PDUMP_WRITE g_write = FltDumpWrite;
static PDUMP_UNLOAD g_unload = FltDumpUnload;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpStart = g_start;
    init->DumpWrite = g_write;
    init->DumpUnload = g_unload;
    return STATUS_SUCCESS;
}
