// RUN: %dumpcheck --verify %s
// A freed buffer handed to a memory routine (memset, RtlZeroMemory,
// RtlSecureZeroMemory, memcpy) is a write through a released pointer: wiping
// a buffer after releasing it (the clean-up order swapped) is reported. A use
// after release ends its path, so each case is on a path of its own.

#include <ntddk.h>
#include <ntdddump.h>

static PUCHAR g_Scratch;
static SIZE_T g_ScratchSize;
static PVOID g_Journal;
static ULONG g_Mode;

static NTSTATUS ScrubUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    ExFreePoolWithTag(g_Journal, 'lnrJ');
    MmFreeContiguousMemory(g_Scratch);
    if (g_Mode)
        RtlSecureZeroMemory(g_Scratch, g_ScratchSize); // expected-warning{{'g_Scratch' is used after MmFreeContiguousMemory released it [dump-use-after-release]}}
    else
        memset(g_Journal, 0, PAGE_SIZE); // expected-warning{{'g_Journal' is used after ExFreePoolWithTag released it [dump-use-after-release]}}
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PHYSICAL_ADDRESS highest;

    UNREFERENCED_PARAMETER(DriverObject);
    highest.QuadPart = -1;
    g_ScratchSize = (SIZE_T)init->MaxPagesPerWrite * PAGE_SIZE;
    g_Scratch = (PUCHAR)MmAllocateContiguousMemory(g_ScratchSize, highest);
    if (g_Scratch == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    g_Journal = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, 'lnrJ');
    if (g_Journal == NULL) {
        MmFreeContiguousMemory(g_Scratch);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = ScrubUnload;
    return STATUS_SUCCESS;
}
