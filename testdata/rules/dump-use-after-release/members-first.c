// RUN: %dumpcheck --verify %s
// Not a finding: members released first, the context last.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 0x7046444Cu
#define FLT_CTX_TAG 0x7846444Cu

typedef struct _FLT_CONTEXT {
    PVOID Buffer;
    PMDL Mdl;
} FLT_CONTEXT, *PFLT_CONTEXT;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;

    if (ctx->Mdl != NULL)
        IoFreeMdl(ctx->Mdl);
    if (ctx->Buffer != NULL)
        ExFreePoolWithTag(ctx->Buffer, FLT_TAG);
    ExFreePoolWithTag(ctx, FLT_CTX_TAG);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PFLT_CONTEXT ctx;

    UNREFERENCED_PARAMETER(DriverObject);
    ctx = (PFLT_CONTEXT)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(FLT_CONTEXT), FLT_CTX_TAG);
    if (ctx == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    RtlZeroMemory(ctx, sizeof(FLT_CONTEXT));
    ctx->Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    if (ctx->Buffer != NULL)
        ctx->Mdl = IoAllocateMdl(ctx->Buffer, PAGE_SIZE, FALSE, FALSE, NULL);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpData = ctx;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
