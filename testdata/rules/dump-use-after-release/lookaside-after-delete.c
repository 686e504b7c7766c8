// RUN: %dumpcheck --verify %s
// A lookaside list is deleted by Dump_Unload, then allocated from and freed
// to: operations on a released list (the rule pack's `use:` routines of the
// lookaside family). The list is global storage, not memory of its own.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'tlFD'

static NPAGED_LOOKASIDE_LIST g_Requests;
static PAGED_LOOKASIDE_LIST g_Names;
static ULONG g_Mode;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    PVOID entry;

    UNREFERENCED_PARAMETER(FilterExtension);
    ExDeletePagedLookasideList(&g_Names);
    ExDeleteNPagedLookasideList(&g_Requests);
    if (g_Mode == 1) {
        ExFreeToPagedLookasideList(&g_Names, NULL); // expected-warning{{'g_Names' is used after ExDeletePagedLookasideList released it [dump-use-after-release]}}
        return STATUS_SUCCESS;
    }
    entry = ExAllocateFromNPagedLookasideList(&g_Requests); // expected-warning{{'g_Requests' is used after ExDeleteNPagedLookasideList released it [dump-use-after-release]}}
    if (entry != NULL)
        ExFreeToNPagedLookasideList(&g_Requests, entry);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    ExInitializeNPagedLookasideList(&g_Requests, NULL, NULL, 0, 64, FLT_TAG, 0);
    ExInitializePagedLookasideList(&g_Names, NULL, NULL, 0, 64, FLT_TAG, 0);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
