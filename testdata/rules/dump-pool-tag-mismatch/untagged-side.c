// RUN: %dumpcheck --verify %s
// Not a finding: ExFreePool (no tag) on tagged memory, and ExFreePoolWithTag on
// memory from ExAllocatePool (no tag): nothing to compare.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

static PVOID g_Tagged;
static PVOID g_Untagged;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Tagged != NULL)
        ExFreePool(g_Tagged);
    if (g_Untagged != NULL)
        ExFreePoolWithTag(g_Untagged, FLT_TAG);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Tagged = ExAllocatePoolWithTag(NonPagedPoolNx, 64, FLT_TAG);
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
    g_Untagged = ExAllocatePool(NonPagedPool, 64);
#pragma clang diagnostic pop
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
