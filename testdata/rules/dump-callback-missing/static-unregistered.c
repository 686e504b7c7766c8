// RUN: %dumpcheck --verify %s
// A static function of the exact Dump_Finish type that nothing registers or
// calls: the finding is at the function.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Sealed;

static NTSTATUS FltDumpFinish(PFILTER_EXTENSION FilterExtension) // expected-warning{{[dump-callback-missing]}}
{
    UNREFERENCED_PARAMETER(FilterExtension);
    g_Sealed = 1;
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
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
