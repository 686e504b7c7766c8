// RUN: %dumpcheck --verify %s
// while: a return inside the loop body is a path of its own; the exit of the
// loop is another.

#include <ntddk.h>
#include <ntdddump.h>

static volatile LONG g_Pending;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    ULONG spins = 0;

    UNREFERENCED_PARAMETER(FilterExtension);
    while (g_Pending != 0) {
        if (++spins > 1000)
            return STATUS_PENDING; // expected-warning{{[dump-unload-status]}}
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
