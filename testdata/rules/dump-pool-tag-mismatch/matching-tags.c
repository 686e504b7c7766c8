// RUN: %dumpcheck --verify %s
// Not a finding: the same tag on both sides, once through a macro and once
// as the literal it expands to.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

static PVOID g_A;
static PVOID g_B;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_A != NULL)
        ExFreePoolWithTag(g_A, FLT_TAG);
    if (g_B != NULL)
        ExFreePoolWithTag(g_B, 'tlFD');
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_A = ExAllocatePoolWithTag(NonPagedPoolNx, 64, FLT_TAG);
    g_B = ExAllocatePoolWithTag(NonPagedPoolNx, 64, FLT_TAG);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
