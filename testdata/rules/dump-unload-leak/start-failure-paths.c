// RUN: %dumpcheck --verify %s
// Not a finding: Dump_Start releases what it allocated on its own failure paths
// (goto ladder, local variables); only the success path stores the resources,
// which the unload releases.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'
#define FLT_LOG_TAG 'gLFD'

static PVOID g_Log;
static PVOID g_Buffer;
static PMDL g_Mdl;

static NTSTATUS FltDumpStart(PFILTER_EXTENSION FilterExtension)
{
    PVOID log, buffer;
    PMDL mdl;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    log = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_LOG_TAG);
    if (log == NULL) {
        status = STATUS_INSUFFICIENT_RESOURCES;
        goto Exit;
    }
    buffer = ExAllocatePoolWithTag(NonPagedPoolNx, 8 * PAGE_SIZE, FLT_TAG);
    if (buffer == NULL) {
        status = STATUS_INSUFFICIENT_RESOURCES;
        goto FreeLog;
    }
    mdl = IoAllocateMdl(buffer, 8 * PAGE_SIZE, FALSE, FALSE, NULL);
    if (mdl == NULL) {
        status = STATUS_INSUFFICIENT_RESOURCES;
        goto FreeBuffer;
    }
    MmBuildMdlForNonPagedPool(mdl);
    g_Log = log;
    g_Buffer = buffer;
    g_Mdl = mdl;
    return STATUS_SUCCESS;

FreeBuffer:
    ExFreePoolWithTag(buffer, FLT_TAG);
FreeLog:
    ExFreePoolWithTag(log, FLT_LOG_TAG);
Exit:
    return status;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Mdl != NULL)
        IoFreeMdl(g_Mdl);
    if (g_Buffer != NULL)
        ExFreePoolWithTag(g_Buffer, FLT_TAG);
    if (g_Log != NULL)
        ExFreePoolWithTag(g_Log, FLT_LOG_TAG);
    g_Mdl = NULL;
    g_Buffer = NULL;
    g_Log = NULL;
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
