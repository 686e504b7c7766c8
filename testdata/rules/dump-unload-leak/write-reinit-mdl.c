// RUN: %dumpcheck --verify %s
// Not a finding: Dump_Write re-initialises its own MDL and the MDL it is handed
// (MmInitializeMdl, MmBuildMdlForNonPagedPool, MmGetSystemAddressForMdlSafe):
// that acquires nothing, so nothing is owed to the unload.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

static PUCHAR g_Bounce;
static PMDL g_BounceMdl;

static NTSTATUS FltDumpWrite(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    ULONG length = MmGetMdlByteCount(Mdl);
    PUCHAR source;

    UNREFERENCED_PARAMETER(FilterExtension);
    UNREFERENCED_PARAMETER(DiskByteOffset);
    source = (PUCHAR)MmGetSystemAddressForMdlSafe(Mdl, HighPagePriority);
    if (source == NULL)
        KeBugCheckEx(0xDEAD0004, 0, 0, 0, 0);
    RtlCopyMemory(g_Bounce, source, length);
    MmInitializeMdl(g_BounceMdl, g_Bounce, length);
    MmBuildMdlForNonPagedPool(g_BounceMdl);
    MmInitializeMdl(Mdl, g_Bounce, length);
    MmBuildMdlForNonPagedPool(Mdl);
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_BounceMdl != NULL)
        IoFreeMdl(g_BounceMdl);
    if (g_Bounce != NULL)
        ExFreePoolWithTag(g_Bounce, FLT_TAG);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Bounce = (PUCHAR)ExAllocatePoolWithTag(NonPagedPoolNx, 16 * PAGE_SIZE, FLT_TAG);
    if (g_Bounce == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    g_BounceMdl = IoAllocateMdl(g_Bounce, 16 * PAGE_SIZE, FALSE, FALSE, NULL);
    if (g_BounceMdl == NULL) {
        ExFreePoolWithTag(g_Bounce, FLT_TAG);
        g_Bounce = NULL;
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->MaxPagesPerWrite = 16;
    init->DumpWrite = FltDumpWrite;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
