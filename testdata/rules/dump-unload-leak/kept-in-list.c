// RUN: %dumpcheck --verify %s
// Not a finding: an item allocated in the entry point is kept in a list
// (InsertTailList keeps the pointer); Dump_Unload empties the list and frees
// each item through CONTAINING_RECORD, which the checker cannot follow: it
// stops tracking what a list keeps instead of reporting it.

// expected-no-diagnostics

#include <ntddk.h>
#include <ntdddump.h>
typedef struct _ITEM { LIST_ENTRY Link; PVOID Data; } ITEM, *PITEM;
static LIST_ENTRY g_Items;
static NTSTATUS Unload(PFILTER_EXTENSION f)
{
    while (!IsListEmpty(&g_Items)) {
        PLIST_ENTRY e = RemoveHeadList(&g_Items);
        PITEM it = CONTAINING_RECORD(e, ITEM, Link);
        ExFreePoolWithTag(it, 'metI');
    }
    return STATUS_SUCCESS;
}
NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)r;
    PITEM it;
    InitializeListHead(&g_Items);
    it = ExAllocatePoolWithTag(NonPagedPool, sizeof(ITEM), 'metI');
    if (!it) return STATUS_INSUFFICIENT_RESOURCES;
    InsertTailList(&g_Items, &it->Link);
    init->DumpUnload = Unload;
    return STATUS_SUCCESS;
}
