// RUN: %dumpcheck --verify %s
// A `case` of a switch returns STATUS_MORE_ENTRIES from Dump_Finish: found.
// A switch on a status refines it in each case and in the default: a
// default that passes the status on after the cases took out the
// non-conforming ones is fine.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Stage;

static NTSTATUS FltSeal(VOID)
{
    if (g_Stage > 8)
        return STATUS_PENDING;
    if (g_Stage > 4)
        return STATUS_BUFFER_OVERFLOW;
    if (g_Stage > 2)
        return STATUS_DEVICE_NOT_READY;
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpFinish(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    switch (g_Stage) {
    case 0:
        return STATUS_SUCCESS;
    case 1:
        return STATUS_MORE_ENTRIES; // expected-warning{{Dump_Finish 'FltDumpFinish' returns STATUS_MORE_ENTRIES (0x00000105) on this path: a success code other than STATUS_SUCCESS; it must return STATUS_SUCCESS or an error status of ntstatus.h [dump-callback-status]}}
    default:
        break;
    }
    status = FltSeal();
    switch (status) {
    case STATUS_PENDING:
        return STATUS_SUCCESS;
    case STATUS_BUFFER_OVERFLOW:
        return STATUS_UNSUCCESSFUL;
    default:
        return status;
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpFinish = FltDumpFinish;
    return STATUS_SUCCESS;
}
