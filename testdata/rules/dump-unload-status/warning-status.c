// RUN: %dumpcheck --verify %s
// Dump_Unload returns a warning status (severity 10): STATUS_BUFFER_OVERFLOW
// (0x80000005). NT_SUCCESS is false for it, but it is no error of ntstatus.h.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Dropped;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Dropped != 0)
        return STATUS_BUFFER_OVERFLOW; // expected-warning{{[dump-unload-status]}}
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
