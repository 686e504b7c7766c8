// RUN: %dumpcheck --verify %s
// The release helper called by Dump_Unload frees the buffer and forgets the MDL
// over it: a leak at the unload's return, with a note at the acquisition.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'tlFD'

typedef struct _FLT_CONTEXT {
    PVOID Buffer;
    PMDL Mdl;
} FLT_CONTEXT, *PFLT_CONTEXT;

static NTSTATUS FltDumpStart(PFILTER_EXTENSION FilterExtension)
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;

    ctx->Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    if (ctx->Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    ctx->Mdl = IoAllocateMdl(ctx->Buffer, PAGE_SIZE, FALSE, FALSE, NULL);
    if (ctx->Mdl == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    return STATUS_SUCCESS;
}

static VOID FltReleaseBuffers(PFLT_CONTEXT Ctx)
{
    if (Ctx->Buffer != NULL) {
        ExFreePoolWithTag(Ctx->Buffer, FLT_TAG);
        Ctx->Buffer = NULL;
    }
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;

    FltReleaseBuffers(ctx);
    ExFreePoolWithTag(ctx, FLT_TAG);
    return STATUS_SUCCESS; // expected-warning{{'ctx->Mdl'}}
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

// RUN: not %dumpcheck %s 2>&1 | FileCheck %s
// CHECK: helper-forgets.c:42:5: warning: {{.*}}IoAllocateMdl{{.*}}[dump-unload-leak]
// CHECK: helper-forgets.c:22:{{[0-9]+}}: note: acquired here by IoAllocateMdl
