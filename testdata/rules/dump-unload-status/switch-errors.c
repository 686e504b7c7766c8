// RUN: %dumpcheck --verify %s
// Not a finding: a switch returns an error in every case and STATUS_SUCCESS in
// the default.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static ULONG g_State;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    switch (g_State) {
    case 0:
        return STATUS_INVALID_DEVICE_STATE;
    case 1:
    case 2:
        return STATUS_DEVICE_NOT_READY;
    case 3:
        return STATUS_UNSUCCESSFUL;
    default:
        break;
    }
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
