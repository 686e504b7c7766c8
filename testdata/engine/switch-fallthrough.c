// RUN: %dumpcheck --verify %s
// switch with fall-through: case 1 sets STATUS_PENDING and falls into case 2,
// which does not change it; entering case 2 directly leaves it unset; the
// default sets STATUS_SUCCESS. Two findings on the one return.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Mode;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    switch (g_Mode) {
    case 1:
        status = STATUS_PENDING;
        /* fall through */
    case 2:
        g_Mode = 0;
        break;
    case 3:
        status = STATUS_INVALID_DEVICE_STATE;
        break;
    default:
        status = STATUS_SUCCESS;
        break;
    }
    return status; // expected-warning{{STATUS_PENDING}} expected-warning{{never initialized}}
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
