// RUN: %dumpcheck --verify %s
// Not a finding: on its failure path the entry point releases everything it
// allocated and returns an error without registering anything; the success path
// registers an unload that releases both buffers.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

static PVOID g_Key;
static PVOID g_Buffer;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    ExFreePoolWithTag(g_Buffer, FLT_TAG);
    ExFreePoolWithTag(g_Key, FLT_TAG);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Key = ExAllocatePoolWithTag(NonPagedPoolNx, 64, FLT_TAG);
    g_Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, 8 * PAGE_SIZE, FLT_TAG);
    if (g_Key == NULL || g_Buffer == NULL) {
        if (g_Key != NULL)
            ExFreePoolWithTag(g_Key, FLT_TAG);
        if (g_Buffer != NULL)
            ExFreePoolWithTag(g_Buffer, FLT_TAG);
        g_Key = NULL;
        g_Buffer = NULL;
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
