// RUN: %dumpcheck --verify %s
// Not a finding: return p ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static PVOID g_Saved;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    PVOID p = g_Saved;

    UNREFERENCED_PARAMETER(FilterExtension);
    g_Saved = NULL;
    return p ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
