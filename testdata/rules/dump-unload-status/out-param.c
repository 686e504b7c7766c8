// RUN: %dumpcheck --verify %s
// Not a finding: the status comes back through a helper's out-parameter and the
// helper stores only STATUS_SUCCESS or an error.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static PVOID g_Buffer;

static VOID FltRelease(NTSTATUS *Status)
{
    if (g_Buffer == NULL) {
        *Status = STATUS_INVALID_DEVICE_STATE;
        return;
    }
    g_Buffer = NULL;
    *Status = STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    FltRelease(&status);
    return status;
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
