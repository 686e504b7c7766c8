// RUN: %dumpcheck --verify %s
// Not a finding: a dual-role DriverEntry. Loaded as an ordinary driver it
// allocates its own pool for the device extension (not owed to the dump stack);
// loaded as a dump filter it tail-calls FltDumpFilterEntry, whose buffer the
// unload frees.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

static PVOID g_DriverState;
static PVOID g_DumpBuffer;
static BOOLEAN g_IsDumpFilter;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_DumpBuffer != NULL) {
        ExFreePoolWithTag(g_DumpBuffer, FLT_TAG);
        g_DumpBuffer = NULL;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpFilterEntry(PFILTER_EXTENSION FilterExtension, PFILTER_INITIALIZATION_DATA FilterInitData)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    g_DumpBuffer = ExAllocatePoolWithTag(NonPagedPoolNx, 4 * PAGE_SIZE, FLT_TAG);
    if (g_DumpBuffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    FilterInitData->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    FilterInitData->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    FilterInitData->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}

static VOID FltDriverUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (g_DriverState != NULL)
        ExFreePoolWithTag(g_DriverState, FLT_TAG);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    if (g_IsDumpFilter)
        return FltDumpFilterEntry((PFILTER_EXTENSION)DriverObject, (PFILTER_INITIALIZATION_DATA)RegistryPath);

    g_DriverState = ExAllocatePoolWithTag(NonPagedPoolNx, 256, FLT_TAG);
    if (g_DriverState == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    DriverObject->DriverUnload = FltDriverUnload;
    return STATUS_SUCCESS;
}
