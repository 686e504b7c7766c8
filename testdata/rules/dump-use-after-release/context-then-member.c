// RUN: %dumpcheck --verify %s
// The unload frees the context first, then reads ctx->Mdl to free it: a use
// after release at the read. The path ends there (no leak or double release
// reported after it).

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 0x7046444Cu
#define FLT_CTX_TAG 0x7846444Cu

typedef struct _FLT_CONTEXT {
    PVOID Buffer;
    PMDL Mdl;
} FLT_CONTEXT, *PFLT_CONTEXT;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;

    ExFreePoolWithTag(ctx, FLT_CTX_TAG);
    IoFreeMdl(ctx->Mdl); // expected-warning{{[dump-use-after-release]}}
    ExFreePoolWithTag(ctx->Buffer, FLT_TAG);
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
