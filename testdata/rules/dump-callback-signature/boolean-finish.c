// RUN: %dumpcheck --verify %s
// A BOOLEAN Dump_Finish cast to PDUMP_FINISH (another return type).

#include <ntddk.h>
#include <ntdddump.h>

static BOOLEAN FltDumpFinish(PFILTER_EXTENSION Ext)
{
    UNREFERENCED_PARAMETER(Ext);
    return TRUE;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION Ext)
{
    UNREFERENCED_PARAMETER(Ext);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpFinish = (PDUMP_FINISH)FltDumpFinish; // expected-warning{{[dump-callback-signature]}}
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
