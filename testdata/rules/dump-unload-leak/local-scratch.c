// RUN: %dumpcheck --verify %s
// Not a finding: resources acquired and released inside one callback (a
// scratch buffer of Dump_Finish) are not owed to the unload.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

static ULONG g_Checksum;

static NTSTATUS FltDumpFinish(PFILTER_EXTENSION FilterExtension)
{
    PULONG scratch;

    UNREFERENCED_PARAMETER(FilterExtension);
    scratch = (PULONG)ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    if (scratch == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    scratch[0] = g_Checksum;
    g_Checksum = scratch[0] ^ 0x5a5a5a5a;
    ExFreePoolWithTag(scratch, FLT_TAG);
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
    init->DumpFinish = FltDumpFinish;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
