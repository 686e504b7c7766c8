// RUN: %dumpcheck --verify %s
// do/while: the body runs at least once, so a status assigned in the body is
// set on every path that leaves the loop (no uninitialised read); the value of the
// last iteration is what is returned.

#include <ntddk.h>
#include <ntdddump.h>

static volatile LONG g_Busy;

static NTSTATUS FltTry(VOID)
{
    return g_Busy ? STATUS_RETRY : STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;
    ULONG tries = 0;

    UNREFERENCED_PARAMETER(FilterExtension);
    do {
        status = FltTry();
    } while (status == STATUS_RETRY && ++tries < 3);
    if (status == STATUS_RETRY)
        status = STATUS_PENDING;
    return status; // expected-warning{{STATUS_PENDING}}
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
