// RUN: %dumpcheck --verify %s
// Not a finding: the release tag is read from a variable the checker cannot pin
// down.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

static PVOID g_Buffer;
static ULONG g_CurrentTag;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Buffer != NULL)
        ExFreePoolWithTag(g_Buffer, g_CurrentTag);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, 64, FLT_TAG);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
