// RUN: %dumpcheck --verify %s
// Not a finding: file-scope statics released by a NULL-tolerant Cleanup()
// helper with early returns, called from the unload and from the entry's
// failure path.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

static PVOID g_WriteBuffer;
static PMDL g_WriteMdl;
static PVOID g_Key;

static VOID Cleanup(VOID)
{
    if (g_WriteMdl != NULL) {
        IoFreeMdl(g_WriteMdl);
        g_WriteMdl = NULL;
    }
    if (g_WriteBuffer == NULL)
        return;
    MmFreeContiguousMemory(g_WriteBuffer);
    g_WriteBuffer = NULL;
    if (g_Key == NULL)
        return;
    ExFreePoolWithTag(g_Key, FLT_TAG);
    g_Key = NULL;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    Cleanup();
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PHYSICAL_ADDRESS highest;

    UNREFERENCED_PARAMETER(DriverObject);
    highest.QuadPart = -1;
    g_WriteBuffer = MmAllocateContiguousMemory(16 * PAGE_SIZE, highest);
    if (g_WriteBuffer == NULL)
        goto Fail;
    g_Key = ExAllocatePoolWithTag(NonPagedPoolNx, 64, FLT_TAG);
    if (g_Key == NULL)
        goto Fail;
    g_WriteMdl = IoAllocateMdl(g_WriteBuffer, 16 * PAGE_SIZE, FALSE, FALSE, NULL);
    if (g_WriteMdl == NULL)
        goto Fail;
    MmBuildMdlForNonPagedPool(g_WriteMdl);

    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->MaxPagesPerWrite = 16;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;

Fail:
    Cleanup();
    return STATUS_INSUFFICIENT_RESOURCES;
}
