// RUN: %dumpcheck --verify %s
// Not a finding: the unload releases through a goto clean-up ladder; every
// path passes the releases.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

static PVOID g_Log;
static PMDL g_Mdl;
static PVOID g_Buffer;
static ULONG g_Flushed;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status = STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Log == NULL)
        goto ReleaseBuffers;
    if (!g_Flushed) {
        status = STATUS_UNSUCCESSFUL;
        goto ReleaseLog;
    }
ReleaseLog:
    ExFreePoolWithTag(g_Log, FLT_TAG);
    g_Log = NULL;
ReleaseBuffers:
    if (g_Mdl != NULL)
        IoFreeMdl(g_Mdl);
    if (g_Buffer != NULL)
        ExFreePoolWithTag(g_Buffer, FLT_TAG);
    g_Mdl = NULL;
    g_Buffer = NULL;
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Log = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    g_Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, 4 * PAGE_SIZE, FLT_TAG);
    if (g_Buffer != NULL)
        g_Mdl = IoAllocateMdl(g_Buffer, 4 * PAGE_SIZE, FALSE, FALSE, NULL);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
