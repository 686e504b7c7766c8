// RUN: %dumpcheck --verify %s
// Not a finding: each resource released by its own family's routine
// (non-cached, contiguous with SpecifyCache, MDL, pool through ExFreePool2).

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'pmDf'

static PVOID g_NonCached;
static PVOID g_Contiguous;
static PMDL g_Mdl;
static PVOID g_Pool;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Mdl != NULL)
        IoFreeMdl(g_Mdl);
    if (g_Contiguous != NULL)
        MmFreeContiguousMemorySpecifyCache(g_Contiguous, 2 * PAGE_SIZE, MmNonCached);
    if (g_NonCached != NULL)
        MmFreeNonCachedMemory(g_NonCached, PAGE_SIZE);
    if (g_Pool != NULL)
        ExFreePool2(g_Pool, FLT_TAG, NULL, 0);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    PHYSICAL_ADDRESS low, high, boundary;

    low.QuadPart = 0;
    high.QuadPart = -1;
    boundary.QuadPart = 0;
    g_NonCached = MmAllocateNonCachedMemory(PAGE_SIZE);
    g_Contiguous = MmAllocateContiguousMemorySpecifyCache(2 * PAGE_SIZE, low, high, boundary, MmNonCached);
    if (g_Contiguous != NULL)
        g_Mdl = IoAllocateMdl(g_Contiguous, 2 * PAGE_SIZE, FALSE, FALSE, NULL);
    g_Pool = ExAllocatePool2(POOL_FLAG_NON_PAGED, 128, FLT_TAG);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
