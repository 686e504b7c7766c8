// RUN: %dumpcheck --verify %s
// DumpUnload is registered only when the filter is loaded
// into the crash-dump stack; on the hibernation path the entry still
// allocates the write buffer and succeeds, but nothing can ever release it.
// The rule asks, on every succeeding entry path that acquires something,
// whether that path registered a DumpUnload.

#include <ntddk.h>
#include <ntdddump.h>

static PUCHAR g_WriteBuffer;

static NTSTATUS SplitFinish(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS;
}

static NTSTATUS SplitUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_WriteBuffer != NULL) {
        ExFreePoolWithTag(g_WriteBuffer, 'fBwS');
        g_WriteBuffer = NULL;
    }
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_EXTENSION Extension = (PFILTER_EXTENSION)DriverObject;
    PFILTER_INITIALIZATION_DATA Init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    Init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    Init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    g_WriteBuffer = (PUCHAR)ExAllocatePoolWithTag(NonPagedPoolNx, (SIZE_T)Init->MaxPagesPerWrite * PAGE_SIZE, 'fBwS');
    if (g_WriteBuffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    Init->DumpFinish = SplitFinish;
    if (Extension->DumpType == DumpTypeCrashdump)
        Init->DumpUnload = SplitUnload;
    return STATUS_SUCCESS; // expected-warning{{no DumpUnload is registered}}
}
