// RUN: %dumpcheck --verify %s
// Not a finding: the context is released in a __finally block, which runs on
// every exit of the __try, including the early return and the __leave.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

typedef struct _FLT_CONTEXT {
    PVOID Buffer;
    ULONG Busy;
} FLT_CONTEXT, *PFLT_CONTEXT;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;

    __try {
        if (ctx->Busy)
            return STATUS_DEVICE_NOT_READY;
        if (ctx->Buffer == NULL)
            __leave;
        ExFreePoolWithTag(ctx->Buffer, FLT_TAG);
        ctx->Buffer = NULL;
    } __finally {
        if (ctx->Buffer != NULL)
            ExFreePoolWithTag(ctx->Buffer, FLT_TAG);
        ExFreePoolWithTag(ctx, FLT_TAG);
    }
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
    ctx->Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpData = ctx;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
