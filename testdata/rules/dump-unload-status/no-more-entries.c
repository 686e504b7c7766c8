// RUN: %dumpcheck --verify %s
// Dump_Unload returns STATUS_NO_MORE_ENTRIES (0x8000001A), a warning status,
// through a local variable.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Entries;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status = STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Entries == 0)
        status = STATUS_NO_MORE_ENTRIES;
    return status; // expected-warning{{[dump-unload-status]}}
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
