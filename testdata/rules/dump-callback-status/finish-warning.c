// RUN: %dumpcheck --verify %s
// Dump_Finish returns a warning status (STATUS_BUFFER_OVERFLOW).

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Dropped;

static NTSTATUS FltDumpFinish(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Dropped != 0)
        return STATUS_BUFFER_OVERFLOW; // expected-warning{{[dump-callback-status]}}
    return STATUS_SUCCESS;
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
