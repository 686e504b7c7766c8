// RUN: %dumpcheck --verify %s
// Dump_Unload returns TRUE, a BOOLEAN and no NTSTATUS of ntstatus.h.

#include <ntddk.h>
#include <ntdddump.h>

static PVOID g_Buffer;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Buffer == NULL)
        return STATUS_SUCCESS;
    g_Buffer = NULL;
    return TRUE; // expected-warning{{[dump-unload-status]}}
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
