// RUN: %dumpcheck --verify %s
// RUN: %dumpcheck %s
// RUN: not %dumpcheck --fail-on=note %s
// return ZwFlushKey(h); -- ZwFlushKey is outside the analysed code and the rule pack does not document its results: a note of
// dump-unload-status-unverified, not a warning. A note does not fail the run at
// the default --fail-on=warning; it does with --fail-on=note.

#include <ntddk.h>
#include <ntdddump.h>

static HANDLE g_LogHandle;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return ZwFlushKey(g_LogHandle); // expected-note{{'ZwFlushKey'}}
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
