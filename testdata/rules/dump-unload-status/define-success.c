// RUN: %dumpcheck --verify %s
// Not a finding: a project macro '#define MY_SUCCESS 0' is STATUS_SUCCESS by
// value.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define MY_SUCCESS 0
#define MY_FAILURE STATUS_UNSUCCESSFUL

static ULONG g_Ok;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (!g_Ok)
        return MY_FAILURE;
    return MY_SUCCESS;
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
