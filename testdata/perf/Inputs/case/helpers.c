/*
 * helpers.c - dfcrypt: keys, the data transform, the sector log and the
 * release helpers shared by DriverEntry's failure path and Dump_Unload.
 *
 * The release helpers tolerate what was never allocated and clear what they
 * release, so each may run on a partly set up context.
 */

#include "Filter.h"

/* Test key of the reference build (the product gets the volume key from the
   volume driver; the recovery tool derives the same schedule from it). */
static const UCHAR FltTestVolumeKey[16] = {
    0x64, 0x66, 0x63, 0x72, 0x79, 0x70, 0x74, 0x2d,
    0x74, 0x65, 0x73, 0x74, 0x2d, 0x6b, 0x65, 0x79,
};

/* ------------------------------------------------------------------------
 * Keys and data
 * ------------------------------------------------------------------------ */

/*
 * FltInitializeKeys
 *
 * Expands the volume key, bound to the dump disk, into the key schedule
 * used by FltTransform.  On success the schedule belongs to the context.
 */
_Use_decl_annotations_
NTSTATUS
FltInitializeKeys(
    PFLT_CONTEXT Ctx,
    PFILTER_EXTENSION FilterExtension
    )
{
    PUCHAR schedule;
    ULONG64 state;
    ULONG i;

    schedule = (PUCHAR)ExAllocatePool2(POOL_FLAG_NON_PAGED,
                                       FLT_KEY_BYTES,
                                       FLT_KEY_TAG);
    if (schedule == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    /* Bind the key to the disk, so a dump copied elsewhere stays opaque. */
    state = 0xcbf29ce484222325ULL ^ (ULONG64)FilterExtension->DiskSize.QuadPart;
    for (i = 0; i < sizeof(FltTestVolumeKey); i++) {
        state = (state ^ FltTestVolumeKey[i]) * 0x100000001b3ULL;
    }

    for (i = 0; i < FLT_KEY_BYTES; i++) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        schedule[i] = (UCHAR)(state >> 56);
    }

    Ctx->KeySchedule = schedule;
    return STATUS_SUCCESS;
}

/*
 * FltScrubKeys
 *
 * Wipes the key schedule (it is released by FltReleaseContext).
 */
_Use_decl_annotations_
VOID
FltScrubKeys(
    PFLT_CONTEXT Ctx
    )
{
    if (Ctx->KeySchedule != NULL) {
        RtlSecureZeroMemory(Ctx->KeySchedule, FLT_KEY_BYTES);
    }
}

/*
 * FltTransform
 *
 * The cipher: a keystream from the key schedule, tweaked per sector.  It is
 * its own inverse, so Dump_Write and Dump_Read share it, and it works in
 * place.  (A stand-in for the product's XTS-AES, with the same interface.)
 */
_Use_decl_annotations_
VOID
FltTransform(
    PFLT_CONTEXT Ctx,
    PUCHAR Destination,
    const UCHAR *Source,
    ULONG Length,
    LONGLONG DiskByteOffset
    )
{
    ULONG64 sector = (ULONG64)DiskByteOffset / Ctx->SectorSize;
    ULONG inSector = (ULONG)((ULONG64)DiskByteOffset % Ctx->SectorSize);
    UCHAR tweak = (UCHAR)(sector ^ (sector >> 8) ^ (sector >> 24));
    ULONG i;

    for (i = 0; i < Length; i++) {
        UCHAR k = Ctx->KeySchedule[(inSector + tweak) % FLT_KEY_BYTES];

        Destination[i] = (UCHAR)(Source[i] ^ k ^ tweak);

        if (++inSector == Ctx->SectorSize) {
            inSector = 0;
            sector++;
            tweak = (UCHAR)(sector ^ (sector >> 8) ^ (sector >> 24));
        }
    }
}

/*
 * FltChecksum
 *
 * CRC-32C, bit by bit: no table, nothing to page in at crash time.
 */
_Use_decl_annotations_
ULONG
FltChecksum(
    const VOID *Buffer,
    SIZE_T Length
    )
{
    const UCHAR *p = (const UCHAR *)Buffer;
    ULONG crc = 0xFFFFFFFFUL;
    SIZE_T i;
    ULONG bit;

    for (i = 0; i < Length; i++) {
        crc ^= p[i];
        for (bit = 0; bit < 8; bit++) {
            crc = (crc >> 1) ^ (0x82F63B78UL & (0UL - (crc & 1UL)));
        }
    }
    return ~crc;
}

/* ------------------------------------------------------------------------
 * The sector log
 * ------------------------------------------------------------------------ */

/* FltLogWrite: records one encrypted write; counts it when the log is full. */
_Use_decl_annotations_
VOID
FltLogWrite(
    PFLT_CONTEXT Ctx,
    LONGLONG DiskByteOffset,
    ULONG Length,
    ULONG Checksum
    )
{
    PFLT_SECTOR_LOG log = Ctx->SectorLog;
    PFLT_LOG_ENTRY entry;

    if (log == NULL) {
        return;
    }
    if (log->Count >= FLT_LOG_ENTRIES) {
        log->Dropped++;
        return;
    }

    entry = &log->Entries[log->Count++];
    entry->DiskByteOffset = DiskByteOffset;
    entry->Length = Length;
    entry->Checksum = Checksum;
}

/*
 * FltCheckLoggedRead
 *
 * STATUS_CRC_ERROR when a range written during this load reads back
 * different; STATUS_SUCCESS otherwise (also for ranges the log never saw).
 */
_Use_decl_annotations_
NTSTATUS
FltCheckLoggedRead(
    PFLT_CONTEXT Ctx,
    LONGLONG DiskByteOffset,
    ULONG Length,
    ULONG Checksum
    )
{
    PFLT_SECTOR_LOG log = Ctx->SectorLog;
    ULONG i;

    if (log == NULL) {
        return STATUS_SUCCESS;
    }

    /* Newest entry first: a range may have been written more than once. */
    for (i = log->Count; i > 0; i--) {
        PFLT_LOG_ENTRY entry = &log->Entries[i - 1];

        if (entry->DiskByteOffset == DiskByteOffset && entry->Length == Length) {
            return (entry->Checksum == Checksum) ? STATUS_SUCCESS : STATUS_CRC_ERROR;
        }
    }
    return STATUS_SUCCESS;
}

/*
 * FltDrainSectorLog
 *
 * Final check of the last dump, before Dump_Unload releases the log:
 * STATUS_REQUEST_ABORTED when the dump never finished (the log was not
 * sealed), STATUS_CRC_ERROR when the log no longer matches its seal.
 */
_Use_decl_annotations_
NTSTATUS
FltDrainSectorLog(
    PFLT_CONTEXT Ctx
    )
{
    PFLT_SECTOR_LOG log = Ctx->SectorLog;
    ULONG seal;

    if (log == NULL || log->Count == 0) {
        /* No dump was written through this stack. */
        return STATUS_SUCCESS;
    }

    if (!log->Sealed) {
#if defined(SEED_UNLOAD_STATUS_HELPER)
        /* BUG: "entries left over" is a success code, not an error. */
        return STATUS_MORE_ENTRIES;
#else
        return STATUS_REQUEST_ABORTED;
#endif
    }

    seal = FltChecksum(log->Entries, log->Count * sizeof(FLT_LOG_ENTRY));
    seal ^= log->Dropped;
    if (seal != log->Seal) {
        return STATUS_CRC_ERROR;
    }

    return STATUS_SUCCESS;
}

/* ------------------------------------------------------------------------
 * Release helpers
 * ------------------------------------------------------------------------ */

/* FltReleaseSectorLog: the sector log of Dump_Start. */
_Use_decl_annotations_
VOID
FltReleaseSectorLog(
    PFLT_CONTEXT Ctx
    )
{
    if (Ctx->SectorLog == NULL) {
        return;
    }

#if defined(SEED_POOL_TAG_MISMATCH)
    /* BUG: the context's tag, not the log's. */
    ExFreePoolWithTag(Ctx->SectorLog, FLT_TAG);     // pool-tag-mismatch-warning{{[dump-pool-tag-mismatch]}}
#else
    ExFreePoolWithTag(Ctx->SectorLog, FLT_LOG_TAG);
#endif
    Ctx->SectorLog = NULL;
}

/*
 * FltReleaseBounceBuffer
 *
 * The MDL of Dump_Start and the contiguous buffer it describes, in that
 * order.
 */
_Use_decl_annotations_
VOID
FltReleaseBounceBuffer(
    PFLT_CONTEXT Ctx
    )
{
    if (Ctx->BounceMdl != NULL) {
        IoFreeMdl(Ctx->BounceMdl);
        Ctx->BounceMdl = NULL;
    }

    if (Ctx->BounceBuffer == NULL) {
        return;
    }

#if defined(SEED_RELEASE_MISMATCH)
    /* BUG: contiguous memory is not pool memory. */
    ExFreePoolWithTag(Ctx->BounceBuffer, FLT_TAG);  // release-mismatch-warning{{[dump-release-mismatch]}}
#else
    MmFreeContiguousMemorySpecifyCache(Ctx->BounceBuffer,
                                       FLT_BOUNCE_BYTES,
                                       FLT_BOUNCE_CACHE);
#endif
    Ctx->BounceBuffer = NULL;
}

/*
 * FltReleaseContext
 *
 * The key schedule and the context itself.  Also DriverEntry's failure
 * path, where the key schedule may not exist yet.
 */
_Use_decl_annotations_
VOID
FltReleaseContext(
    PFLT_CONTEXT Ctx
    )
{
    if (Ctx == NULL) {
        return;
    }

#if defined(SEED_UNLOAD_LEAK_HELPER)
    /* BUG: the key schedule is wiped by FltScrubKeys but never freed. */
#else
    if (Ctx->KeySchedule != NULL) {
        ExFreePoolWithTag(Ctx->KeySchedule, FLT_KEY_TAG);
        Ctx->KeySchedule = NULL;
    }
#endif

    ExFreePoolWithTag(Ctx, FLT_TAG);
}
