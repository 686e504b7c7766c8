// RUN: %dumpcheck --verify %s
// && short-circuit: 'if (ctx != NULL && ctx->Buffer != NULL) free' -- the right
// operand is evaluated only when the left is true, and both refine the state. The
// context itself is freed only when it is not NULL. No finding.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

typedef struct _FLT_CONTEXT {
    PVOID Buffer;
} FLT_CONTEXT, *PFLT_CONTEXT;

static NTSTATUS FltDumpStart(PFILTER_EXTENSION FilterExtension)
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;

    if (ctx != NULL && ctx->Buffer == NULL)
        ctx->Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;

    if (ctx != NULL && ctx->Buffer != NULL)
        ExFreePoolWithTag(ctx->Buffer, FLT_TAG);
    if (ctx != NULL)
        ExFreePoolWithTag(ctx, FLT_TAG);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PFLT_CONTEXT ctx;

    UNREFERENCED_PARAMETER(DriverObject);
    ctx = (PFLT_CONTEXT)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*ctx), FLT_TAG);
    if (ctx == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    ctx->Buffer = NULL;
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpData = ctx;
    init->DumpStart = FltDumpStart;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}

