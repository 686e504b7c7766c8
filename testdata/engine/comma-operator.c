// RUN: %dumpcheck --verify %s
// The comma operator: the value is the right operand's, after the left one's
// side effects. '(g_Done = 1, STATUS_SUCCESS)' is fine; '(g_Done = 0, TRUE)' is
// not.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Done;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Done)
        return (g_Done = 0, TRUE); // expected-warning{{[dump-unload-status]}}
    status = (g_Done = 1, STATUS_SUCCESS);
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
