// RUN: %dumpcheck --verify %s
// ?: as a value: each arm is a path of its own; the false arm gives
// STATUS_PENDING.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Done;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return g_Done ? STATUS_SUCCESS : STATUS_PENDING; // expected-warning{{STATUS_PENDING}}
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
