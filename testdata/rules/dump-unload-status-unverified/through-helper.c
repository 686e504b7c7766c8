// RUN: %dumpcheck --verify %s
// An analysed helper passes on the status of an external routine; the unload
// returns it: unverified at the unload's return.

#include <ntddk.h>
#include <ntdddump.h>

static HANDLE g_Section;

static NTSTATUS FltCloseSection(VOID)
{
    return ZwFlushKey(g_Section);
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Section == NULL)
        return STATUS_SUCCESS;
    return FltCloseSection(); // expected-note{{[dump-unload-status-unverified]}}
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
