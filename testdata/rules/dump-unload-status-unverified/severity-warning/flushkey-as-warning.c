// RUN: %dumpcheck --verify %s
// RUN: not %dumpcheck %s
// With 'severities: dump-unload-status-unverified: warning' in the nearest
// .dumpcheck.yaml, the same finding is a warning and fails the run.

#include <ntddk.h>
#include <ntdddump.h>

static HANDLE g_LogHandle;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return ZwFlushKey(g_LogHandle); // expected-warning{{[dump-unload-status-unverified]}}
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
