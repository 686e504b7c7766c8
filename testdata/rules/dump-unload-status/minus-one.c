// RUN: %dumpcheck --verify %s
// Dump_Unload returns -1: negative (NT_SUCCESS is false) but no status of
// ntstatus.h.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_State;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_State == 3)
        return -1; // expected-warning{{[dump-unload-status]}}
    return STATUS_SUCCESS;
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
