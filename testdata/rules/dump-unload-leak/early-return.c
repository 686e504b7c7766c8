// RUN: %dumpcheck --verify %s
// The hibernation path of Dump_Unload returns before the releases: the MDL and
// the buffer Dump_Start allocated, and the context, leak on it.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'tlFD'

typedef struct _FLT_CONTEXT {
    FILTER_DUMP_TYPE DumpType;
    PVOID Buffer;
    PMDL Mdl;
} FLT_CONTEXT, *PFLT_CONTEXT;

static NTSTATUS FltDumpStart(PFILTER_EXTENSION FilterExtension)
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;

    ctx->DumpType = FilterExtension->DumpType;
    ctx->Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    if (ctx->Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    ctx->Mdl = IoAllocateMdl(ctx->Buffer, PAGE_SIZE, FALSE, FALSE, NULL);
    if (ctx->Mdl == NULL) {
        ExFreePoolWithTag(ctx->Buffer, FLT_TAG);
        ctx->Buffer = NULL;
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    MmBuildMdlForNonPagedPool(ctx->Mdl);
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;

    if (ctx->DumpType == DumpTypeHibernation)
        return STATUS_SUCCESS; // expected-warning{{MDL 'ctx->Mdl'}} expected-warning{{'ctx->Buffer'}} expected-warning{{pool memory 'ctx' acquired by ExAllocatePoolWithTag in the entry point}}
    if (ctx->Mdl != NULL)
        IoFreeMdl(ctx->Mdl);
    if (ctx->Buffer != NULL)
        ExFreePoolWithTag(ctx->Buffer, FLT_TAG);
    ExFreePoolWithTag(ctx, FLT_TAG);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PFLT_CONTEXT ctx;

    UNREFERENCED_PARAMETER(DriverObject);
    ctx = (PFLT_CONTEXT)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(FLT_CONTEXT), FLT_TAG);
    if (ctx == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    RtlZeroMemory(ctx, sizeof(FLT_CONTEXT));
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpData = ctx;
    init->DumpStart = FltDumpStart;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
