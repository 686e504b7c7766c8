// RUN: %dumpcheck --verify %s
// Not a finding: a context in DumpData holding a write buffer and its MDL,
// allocated by the entry point (the disk-encryption shape); the unload frees the
// members and then the context.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

typedef struct _DUMP_FILTER_CONTEXT {
    PUCHAR WriteBuffer;
    ULONG WriteBufferSize;
    PMDL WriteMdl;
    ULONGLONG SectorOffset;
} DUMP_FILTER_CONTEXT, *PDUMP_FILTER_CONTEXT;

static NTSTATUS DumpFilterWrite(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    PDUMP_FILTER_CONTEXT ctx = (PDUMP_FILTER_CONTEXT)FilterExtension->DumpData;

    UNREFERENCED_PARAMETER(DiskByteOffset);
    if (MmGetMdlByteCount(Mdl) > ctx->WriteBufferSize)
        KeBugCheckEx(0xDEAD0003, 0, 0, 0, 0);
    return STATUS_SUCCESS;
}

static NTSTATUS DumpFilterUnload(PFILTER_EXTENSION FilterExtension)
{
    PDUMP_FILTER_CONTEXT ctx = (PDUMP_FILTER_CONTEXT)FilterExtension->DumpData;

    if (ctx == NULL)
        return STATUS_SUCCESS;
    if (ctx->WriteMdl != NULL)
        IoFreeMdl(ctx->WriteMdl);
    if (ctx->WriteBuffer != NULL) {
        RtlSecureZeroMemory(ctx->WriteBuffer, ctx->WriteBufferSize);
        MmFreeContiguousMemory(ctx->WriteBuffer);
    }
    ExFreePoolWithTag(ctx, FLT_TAG);
    return STATUS_SUCCESS;
}

NTSTATUS DumpFilterEntry(PFILTER_EXTENSION FilterExtension, PFILTER_INITIALIZATION_DATA FilterInitData)
{
    PDUMP_FILTER_CONTEXT ctx;
    PHYSICAL_ADDRESS highest;

    UNREFERENCED_PARAMETER(FilterExtension);
    ctx = (PDUMP_FILTER_CONTEXT)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*ctx), FLT_TAG);
    if (ctx == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    RtlZeroMemory(ctx, sizeof(*ctx));

    highest.QuadPart = -1;
    ctx->WriteBufferSize = 32 * PAGE_SIZE;
    ctx->WriteBuffer = (PUCHAR)MmAllocateContiguousMemory(ctx->WriteBufferSize, highest);
    if (ctx->WriteBuffer == NULL) {
        ExFreePoolWithTag(ctx, FLT_TAG);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    ctx->WriteMdl = IoAllocateMdl(ctx->WriteBuffer, ctx->WriteBufferSize, FALSE, FALSE, NULL);
    if (ctx->WriteMdl == NULL) {
        MmFreeContiguousMemory(ctx->WriteBuffer);
        ExFreePoolWithTag(ctx, FLT_TAG);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    MmBuildMdlForNonPagedPool(ctx->WriteMdl);

    FilterInitData->MajorVersion = DUMP_FILTER_MAJOR_VERSION_1;
    FilterInitData->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    FilterInitData->DumpWrite = DumpFilterWrite;
    FilterInitData->DumpUnload = DumpFilterUnload;
    FilterInitData->MaxPagesPerWrite = 32;
    FilterInitData->Flags = 0;
    FilterInitData->DumpData = ctx;
    return STATUS_SUCCESS;
}
