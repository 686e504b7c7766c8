// RUN: %dumpcheck --list-callbacks %s | FileCheck %s
// A registration through a conditional: a routine from a table when the
// table has one, else the filter's own. The filter's function is found.

#include <ntddk.h>
#include <ntdddump.h>

static PDUMP_UNLOAD g_Overrides[2];

static NTSTATUS FltUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA data = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    UNREFERENCED_PARAMETER(DriverObject);
    data->DumpUnload = g_Overrides[0] ? g_Overrides[0] : FltUnload;
    return STATUS_SUCCESS;
}

// CHECK: {{^}}DumpUnload  FltUnload {{.*}} registered at {{.*}}conditional-fallback.c:20:
