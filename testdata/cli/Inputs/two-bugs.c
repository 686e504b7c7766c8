/* Two findings of two rules: Dump_Unload returns STATUS_PENDING (line 21) and,
 * on that same path, does not free the buffer the entry point allocated. */
#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'ilCD'

static PVOID g_Buffer;
static ULONG g_Busy;

static NTSTATUS FltDumpStart(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Busy)
        return STATUS_PENDING;
    ExFreePoolWithTag(g_Buffer, FLT_TAG);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    if (g_Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpStart = FltDumpStart;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
