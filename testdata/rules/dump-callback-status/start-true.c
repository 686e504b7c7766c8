// RUN: %dumpcheck --verify %s
// Dump_Start returns TRUE (a BOOLEAN helper's result).

#include <ntddk.h>
#include <ntdddump.h>

static PVOID g_Buffer;

static BOOLEAN FltIsReady(VOID)
{
    return g_Buffer != NULL;
}

static NTSTATUS FltDumpStart(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (FltIsReady())
        return TRUE; // expected-warning{{[dump-callback-status]}}
    return STATUS_INVALID_DEVICE_STATE;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpStart = FltDumpStart;
    return STATUS_SUCCESS;
}
