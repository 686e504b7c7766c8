// RUN: %dumpcheck --verify %s
// Not a finding: the write buffer (contiguous memory) and the MDL over it are
// set up by Dump_Start in file-scope statics and released by the unload in
// reverse order.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static PVOID g_Buffer;
static PMDL g_Mdl;

static NTSTATUS FltDumpStart(PFILTER_EXTENSION FilterExtension)
{
    PHYSICAL_ADDRESS lowest, highest, boundary;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Mdl != NULL)
        return STATUS_SUCCESS;
    lowest.QuadPart = 0;
    highest.QuadPart = -1;
    boundary.QuadPart = 0;
    g_Buffer = MmAllocateContiguousMemorySpecifyCache(8 * PAGE_SIZE, lowest, highest, boundary, MmCached);
    if (g_Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    g_Mdl = IoAllocateMdl(g_Buffer, 8 * PAGE_SIZE, FALSE, FALSE, NULL);
    if (g_Mdl == NULL) {
        MmFreeContiguousMemorySpecifyCache(g_Buffer, 8 * PAGE_SIZE, MmCached);
        g_Buffer = NULL;
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    MmBuildMdlForNonPagedPool(g_Mdl);
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Mdl != NULL) {
        IoFreeMdl(g_Mdl);
        g_Mdl = NULL;
    }
    if (g_Buffer != NULL) {
        MmFreeContiguousMemorySpecifyCache(g_Buffer, 8 * PAGE_SIZE, MmCached);
        g_Buffer = NULL;
    }
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpStart = FltDumpStart;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
