// RUN: %dumpcheck --verify %s
// for (;;) whose only exits are returns: no path falls off the end. No finding.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static volatile LONG g_Busy;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    ULONG spins = 0;

    UNREFERENCED_PARAMETER(FilterExtension);
    for (;;) {
        if (g_Busy == 0)
            return STATUS_SUCCESS;
        if (++spins == 100)
            return STATUS_DEVICE_NOT_READY;
    }
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
