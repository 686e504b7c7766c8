/*
 * callbacks.c - dfcrypt: Dump_Start, Dump_Write, Dump_Finish, Dump_Read.
 *
 * Each callback returns STATUS_SUCCESS or an error status of ntstatus.h.
 * Dump_Write has no way to fail gracefully (a failed write would leave
 * plaintext or garbage on the disk), so its error exits are bug checks.
 */

#include "Filter.h"

/*
 * FltDumpStart
 *
 * Sets up what Dump_Write needs for this dump: the sector log, the bounce
 * buffer the encrypted data is written from, and an MDL over that buffer.
 *
 * They are set up here and not at load time because the dump stack is
 * prepared at every boot while only a few boots ever write a dump, and
 * physically contiguous memory is scarce.  They stay until Dump_Unload.
 * A failure releases what this call allocated and fails the dump.
 */
_Use_decl_annotations_
NTSTATUS
FltDumpStart(
    PFILTER_EXTENSION FilterExtension
    )
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;
    PFLT_SECTOR_LOG log;
    PVOID buffer;
    PMDL mdl;
    PHYSICAL_ADDRESS lowest;
    PHYSICAL_ADDRESS highest;
    PHYSICAL_ADDRESS boundary;
    NTSTATUS status;

    if (ctx == NULL || ctx->KeySchedule == NULL) {
        return STATUS_INVALID_DEVICE_STATE;
    }

    if (ctx->BounceMdl != NULL) {
        /* A retried hibernation reuses what the first start set up. */
        return STATUS_SUCCESS;
    }

    /* The sector log. */
    log = (PFLT_SECTOR_LOG)ExAllocatePoolWithTag(NonPagedPoolNx,
                                                 FLT_LOG_BYTES,
                                                 FLT_LOG_TAG);
    if (log == NULL) {
        status = STATUS_INSUFFICIENT_RESOURCES;
        goto Exit;
    }
    RtlZeroMemory(log, FLT_LOG_BYTES);

    /* The bounce buffer: anywhere in physical memory, no boundary. */
    lowest.QuadPart = 0;
    highest.QuadPart = -1;
    boundary.QuadPart = 0;
    buffer = MmAllocateContiguousMemorySpecifyCache(FLT_BOUNCE_BYTES,
                                                    lowest,
                                                    highest,
                                                    boundary,
                                                    FLT_BOUNCE_CACHE);
    if (buffer == NULL) {
        status = STATUS_INSUFFICIENT_RESOURCES;
        goto FreeLog;
    }

    /* The MDL over the whole bounce buffer. */
    mdl = IoAllocateMdl(buffer, (ULONG)FLT_BOUNCE_BYTES, FALSE, FALSE, NULL);
    if (mdl == NULL) {
        status = STATUS_INSUFFICIENT_RESOURCES;
        goto FreeBuffer;
    }
    MmBuildMdlForNonPagedPool(mdl);

    /*
     * Dump_Write hands this MDL's pages to the port driver and relies on its
     * system address being the buffer itself.
     */
    if ((mdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL) == 0) {
        status = STATUS_INTERNAL_ERROR;
        goto FreeMdl;
    }

    ctx->SectorLog = log;
    ctx->BounceBuffer = buffer;
    ctx->BounceMdl = mdl;
    return STATUS_SUCCESS;

FreeMdl:
    IoFreeMdl(mdl);
FreeBuffer:
    MmFreeContiguousMemorySpecifyCache(buffer, FLT_BOUNCE_BYTES, FLT_BOUNCE_CACHE);
FreeLog:
    ExFreePoolWithTag(log, FLT_LOG_TAG);
Exit:
    return status;
}

/*
 * FltDumpWrite
 *
 * Encrypts the data of one write into the bounce buffer and points the port
 * driver's MDL at the bounce buffer instead.  The system's own pages are
 * read, never written, and the size of the write does not change.
 */
_Use_decl_annotations_
NTSTATUS
FltDumpWrite(
    PFILTER_EXTENSION FilterExtension,
    PLARGE_INTEGER DiskByteOffset,
    PMDL Mdl
    )
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;
    PUCHAR source;
    ULONG length;
    ULONG pages;

    if (ctx == NULL || ctx->BounceMdl == NULL || ctx->BounceBuffer == NULL) {
        FLT_BUGCHECK(FLT_BUG_NOT_STARTED, ctx, 0);
    }

    length = MmGetMdlByteCount(Mdl);
    if (length == 0) {
        return STATUS_SUCCESS;
    }
    if (length > FLT_BOUNCE_BYTES || (length % ctx->SectorSize) != 0) {
        FLT_BUGCHECK(FLT_BUG_WRITE_LENGTH, length, DiskByteOffset->QuadPart);
    }

    source = (PUCHAR)MmGetSystemAddressForMdlSafe(
        Mdl, (MM_PAGE_PRIORITY)(HighPagePriority | MdlMappingNoExecute));
    if (source == NULL) {
        FLT_BUGCHECK(FLT_BUG_MAP_FAILED, Mdl, DiskByteOffset->QuadPart);
    }

    /* Encrypt into the bounce buffer and remember what went to the disk. */
    FltTransform(ctx, (PUCHAR)ctx->BounceBuffer, source, length,
                 DiskByteOffset->QuadPart);
    FltLogWrite(ctx, DiskByteOffset->QuadPart, length,
                FltChecksum(ctx->BounceBuffer, length));

    /* Re-describe our MDL over exactly this request ... */
    MmInitializeMdl(ctx->BounceMdl, ctx->BounceBuffer, length);
    MmBuildMdlForNonPagedPool(ctx->BounceMdl);

    /*
     * ... and give the port driver's MDL the same pages.  The bounce buffer
     * is page aligned, so it never spans more pages than the original.
     */
    pages = ADDRESS_AND_SIZE_TO_SPAN_PAGES(ctx->BounceBuffer, length);
    Mdl->StartVa = ctx->BounceMdl->StartVa;
    Mdl->ByteOffset = ctx->BounceMdl->ByteOffset;
    Mdl->MappedSystemVa = ctx->BounceMdl->MappedSystemVa;
    Mdl->MdlFlags = ctx->BounceMdl->MdlFlags;
    RtlCopyMemory(MmGetMdlPfnArray(Mdl),
                  MmGetMdlPfnArray(ctx->BounceMdl),
                  pages * sizeof(PFN_NUMBER));

    ctx->WritesFiltered++;
    return STATUS_SUCCESS;
}

/*
 * FltDumpFinish
 *
 * Seals the sector log and wipes the last plaintext-derived data from the
 * bounce buffer.
 */
_Use_decl_annotations_
NTSTATUS
FltDumpFinish(
    PFILTER_EXTENSION FilterExtension
    )
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;
    PFLT_SECTOR_LOG log;

    if (ctx == NULL || ctx->SectorLog == NULL) {
        /* Dump_Start failed or never ran: nothing was written through us. */
        return STATUS_INVALID_DEVICE_STATE;
    }

    log = ctx->SectorLog;
    log->Seal = FltChecksum(log->Entries, log->Count * sizeof(FLT_LOG_ENTRY));

    if (log->Dropped != 0) {
#if defined(SEED_CALLBACK_STATUS)
        /* BUG: a warning status, which is not an error of ntstatus.h. */
        return STATUS_BUFFER_OVERFLOW;      // callback-status-warning{{[dump-callback-status]}}
#else
        /*
         * The log only verifies reads; the writes it could not record are on
         * the disk all the same, encrypted.  A full log does not fail the
         * dump, but the seal records how many entries are missing.
         */
        log->Seal ^= log->Dropped;
#endif
    }
    log->Sealed = TRUE;

    if (ctx->BounceBuffer != NULL) {
        RtlSecureZeroMemory(ctx->BounceBuffer, FLT_BOUNCE_BYTES);
    }

    return STATUS_SUCCESS;
}

/*
 * FltDumpRead
 *
 * Decrypts, in place, what the hibernation stack reads back.  Ranges written
 * during this load of the stack are first checked against the sector log.
 */
_Use_decl_annotations_
NTSTATUS
FltDumpRead(
    PFILTER_EXTENSION FilterExtension,
    PLARGE_INTEGER DiskByteOffset,
    PMDL Mdl
    )
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;
    PUCHAR data;
    ULONG length;
    NTSTATUS status;

    if (ctx == NULL || ctx->KeySchedule == NULL) {
        return STATUS_INVALID_DEVICE_STATE;
    }

    length = MmGetMdlByteCount(Mdl);
    if (length == 0) {
        return STATUS_SUCCESS;
    }
    if ((length % ctx->SectorSize) != 0) {
        return STATUS_INVALID_PARAMETER;
    }

    data = (PUCHAR)MmGetSystemAddressForMdlSafe(
        Mdl, (MM_PAGE_PRIORITY)(HighPagePriority | MdlMappingNoExecute));
    if (data == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    /* The log holds checksums of the encrypted data: check before decrypting. */
    status = FltCheckLoggedRead(ctx, DiskByteOffset->QuadPart, length,
                                FltChecksum(data, length));
    if (!NT_SUCCESS(status)) {
        return status;
    }

    FltTransform(ctx, data, data, length, DiskByteOffset->QuadPart);

    ctx->ReadsFiltered++;
    return STATUS_SUCCESS;
}
