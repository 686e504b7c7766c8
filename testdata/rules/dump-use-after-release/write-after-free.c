// RUN: %dumpcheck --verify %s
// A buffer written after ExFreePool (wiping after the free).

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'pmDf'

static PUCHAR g_Key;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Key == NULL)
        return STATUS_SUCCESS;
    ExFreePoolWithTag(g_Key, FLT_TAG);
    g_Key[0] = 0; // expected-warning{{[dump-use-after-release]}}
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Key = (PUCHAR)ExAllocatePoolWithTag(NonPagedPoolNx, 32, FLT_TAG);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
