// RUN: %dumpcheck --verify %s
// goto backward (a retry label) and forward (an exit label): the label after
// the loop is reached with STATUS_TIMEOUT only from the retry limit.

#include <ntddk.h>
#include <ntdddump.h>

static volatile LONG g_Busy;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;
    ULONG attempt = 0;

    UNREFERENCED_PARAMETER(FilterExtension);
Retry:
    if (g_Busy == 0) {
        status = STATUS_SUCCESS;
        goto Done;
    }
    if (++attempt < 4)
        goto Retry;
    status = STATUS_TIMEOUT;
Done:
    return status; // expected-warning{{STATUS_TIMEOUT}}
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
