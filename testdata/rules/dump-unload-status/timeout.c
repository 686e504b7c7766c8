// RUN: %dumpcheck --verify %s
// Dump_Unload passes on STATUS_TIMEOUT (0x102) from a bounded wait loop of its own.

#include <ntddk.h>
#include <ntdddump.h>

static volatile LONG g_Writers;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    ULONG tries;

    UNREFERENCED_PARAMETER(FilterExtension);
    for (tries = 0; tries < 10; tries++) {
        if (g_Writers == 0)
            return STATUS_SUCCESS;
    }
    return STATUS_TIMEOUT; // expected-warning{{[dump-unload-status]}}
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
