/*
 * entry.c - dfcrypt: entry point.
 *
 * The system loads dfcrypt into the dump stack of the encrypted volume when
 * the stack is prepared (at boot and whenever the dump configuration
 * changes).  The entry point allocates the filter's context, expands the
 * volume key, and registers the callbacks.
 */

// expected-no-diagnostics

#include "Filter.h"

/*
 * DriverEntry
 *
 * A dump filter is called with the classic DriverEntry signature, but the
 * two arguments are not what they say: the first is the FILTER_EXTENSION of
 * the dump stack, the second the FILTER_INITIALIZATION_DATA to fill.
 *
 * On failure nothing is registered and nothing stays allocated.
 */
_Use_decl_annotations_
NTSTATUS
DriverEntry(
    PDRIVER_OBJECT DriverObject,
    PUNICODE_STRING RegistryPath
    )
{
    PFILTER_EXTENSION filterExtension = (PFILTER_EXTENSION)DriverObject;
    PFILTER_INITIALIZATION_DATA initData = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PFLT_CONTEXT ctx;
    ULONG64 qpcTimeStamp;
    NTSTATUS status;

    if (filterExtension == NULL || initData == NULL) {
        return STATUS_INVALID_PARAMETER;
    }

    /*
     * The tweak of the cipher is the sector number, and the bounce buffer
     * is a whole number of pages: the sector size must divide a page.
     */
    if (filterExtension->Geometry.BytesPerSector == 0 ||
        (PAGE_SIZE % filterExtension->Geometry.BytesPerSector) != 0) {
        return STATUS_NOT_SUPPORTED;
    }

    /*
     * The context lives as long as the dump stack.  Dump_Write and
     * Dump_Read run where no allocation is possible, so it must be
     * non-paged.
     */
    ctx = (PFLT_CONTEXT)ExAllocatePoolWithTag(NonPagedPoolNx,
                                              sizeof(FLT_CONTEXT),
                                              FLT_TAG);
    if (ctx == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    RtlZeroMemory(ctx, sizeof(FLT_CONTEXT));
    ctx->Signature = FLT_CONTEXT_SIGNATURE;
    ctx->DumpType = filterExtension->DumpType;
    ctx->SectorSize = filterExtension->Geometry.BytesPerSector;
    ctx->LoadTime = KeQueryInterruptTimePrecise(&qpcTimeStamp);

    /* Expand the volume key now: Dump_Write cannot allocate. */
    status = FltInitializeKeys(ctx, filterExtension);
    if (!NT_SUCCESS(status)) {
        /* Releases the context; the key schedule was never stored. */
        FltReleaseContext(ctx);
        return status;
    }

    /*
     * Register.  Version 2 of the interface with the read flag, so that the
     * hibernation stack hands us its reads to decrypt.
     */
    initData->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    initData->MinorVersion = DUMP_FILTER_MINOR_VERSION;
#if defined(SEED_READ_NOT_ENABLED)
    /* BUG: "critical" replaced the read flag instead of joining it. */
    initData->Flags = DUMP_FILTER_CRITICAL;
#else
    initData->Flags = DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ;
#endif
    initData->MaxPagesPerWrite = FLT_MAX_PAGES_PER_WRITE;
    initData->DumpData = ctx;

#if defined(SEED_CALLBACK_OVERWRITE)
    /* BUG: copy and paste: the start routine lands in the finish slot. */
    initData->DumpFinish = FltDumpStart;
#else
    initData->DumpStart = FltDumpStart;
#endif
    initData->DumpWrite = FltDumpWrite;
    initData->DumpFinish = FltDumpFinish;   // callback-overwrite-warning{{[dump-callback-missing]}}
#if defined(SEED_CALLBACK_MISSING)
    /* BUG: the unload registration was lost in a merge. */
#elif defined(SEED_CALLBACK_SIGNATURE)
    /* BUG: the old VOID shim, cast into place. */
    initData->DumpUnload = (PDUMP_UNLOAD)FltLegacyUnload;   // callback-signature-warning{{[dump-callback-signature]}}
#else
    initData->DumpUnload = FltDumpUnload;
#endif
    initData->DumpRead = FltDumpRead;       // read-not-enabled-warning{{[dump-read-not-enabled]}}

    return STATUS_SUCCESS;
}
