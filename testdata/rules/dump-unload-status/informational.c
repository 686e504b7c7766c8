// RUN: %dumpcheck --verify %s
// Dump_Unload returns an informational status (severity 01):
// STATUS_OBJECT_NAME_EXISTS (0x40000000). NT_SUCCESS is true for it, the contract
// still excludes it.

#include <ntddk.h>
#include <ntdddump.h>

static HANDLE g_Log;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Log != NULL)
        return STATUS_OBJECT_NAME_EXISTS; // expected-warning{{[dump-unload-status]}}
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
