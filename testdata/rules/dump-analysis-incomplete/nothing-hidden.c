// RUN: %dumpcheck --verify %s
// Not a finding: what reaches unseen code here hides nothing. The buffer is
// released before the routine of another driver sees it; the context is only
// read by a system routine (declared in the WDK's headers); the list keeps its
// item (InsertTailList: ownership moves as the rule pack documents); a value
// that is not a resource is handed over.

// expected-no-diagnostics

#include <ntddk.h>
#include <ntdddump.h>

VOID PartnerRegisterBuffer(PVOID Buffer);
NTSTATUS PartnerQueryState(PULONG State);

typedef struct _ITEM { LIST_ENTRY Link; ULONG Value; } ITEM, *PITEM;
static LIST_ENTRY g_Items;
static PVOID g_Buffer;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    ULONG state = 0;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Buffer != NULL) {
        ExFreePoolWithTag(g_Buffer, 'fDmp');
        PartnerRegisterBuffer(g_Buffer);
        g_Buffer = NULL;
    }
    (void)PartnerQueryState(&state);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PITEM it;

    UNREFERENCED_PARAMETER(DriverObject);
    InitializeListHead(&g_Items);
    it = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(ITEM), 'metI');
    if (!it)
        return STATUS_INSUFFICIENT_RESOURCES;
    InsertTailList(&g_Items, &it->Link);
    g_Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, 4096, 'fDmp');
    if (g_Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    RtlZeroMemory(g_Buffer, 4096);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
