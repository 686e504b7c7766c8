// RUN: %dumpcheck --verify %s
// The status variable is assigned on one branch only; the other path returns
// it uninitialised.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'tlFD'

static PVOID g_Buffer;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Buffer != NULL) {
        ExFreePoolWithTag(g_Buffer, FLT_TAG);
        g_Buffer = NULL;
        status = STATUS_SUCCESS;
    }
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
