// RUN: %dumpcheck --verify %s
// Not a finding: the list is used while it lives (allocate, free back), then
// deleted; and a list deleted, initialised again and used is live again.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

static NPAGED_LOOKASIDE_LIST g_Requests;
static ULONG g_Mode;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    PVOID entry;

    UNREFERENCED_PARAMETER(FilterExtension);
    entry = ExAllocateFromNPagedLookasideList(&g_Requests);
    if (entry != NULL)
        ExFreeToNPagedLookasideList(&g_Requests, entry);
    ExDeleteNPagedLookasideList(&g_Requests);
    if (g_Mode == 1) {
        ExInitializeNPagedLookasideList(&g_Requests, NULL, NULL, 0, 64, FLT_TAG, 0);
        entry = ExAllocateFromNPagedLookasideList(&g_Requests);
        if (entry != NULL)
            ExFreeToNPagedLookasideList(&g_Requests, entry);
        ExDeleteNPagedLookasideList(&g_Requests);
    }
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    ExInitializeNPagedLookasideList(&g_Requests, NULL, NULL, 0, 64, FLT_TAG, 0);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
