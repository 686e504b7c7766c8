/*
 * unload.c - dfcrypt: Dump_Unload.
 *
 * Called when the dump stack is unloaded: for the crash dump stack when
 * crash dumps are turned off or reconfigured, for the hibernation stack after
 * the system has resumed.  Everything the entry point and Dump_Start
 * allocated goes back here, on every path, through the release helpers of
 * helpers.c.
 */

#include "Filter.h"

/*
 * FltDumpUnload
 *
 * Returns STATUS_SUCCESS, or the error of the sector log check when the last
 * dump cannot be trusted (the resources are released all the same).
 */
_Use_decl_annotations_
NTSTATUS
FltDumpUnload(
    PFILTER_EXTENSION FilterExtension
    )
{
    PFLT_CONTEXT ctx;
#if defined(SEED_UNLOAD_STATUS_UNINIT)
    NTSTATUS status;                    /* BUG: only the log check sets it */
#else
    NTSTATUS status = STATUS_SUCCESS;
#endif
#if defined(SEED_DOUBLE_RELEASE)
    PMDL staleMdl;
#endif

    ctx = (PFLT_CONTEXT)FilterExtension->DumpData;
    if (ctx == NULL) {
        /* Nothing was ever set up on this stack. */
        return STATUS_SUCCESS;
    }

    __try {

        /*
         * Check the last dump before its log goes away: a log that no
         * longer matches its seal means the dump on disk cannot be trusted.
         */
        if (ctx->SectorLog != NULL) {
            status = FltDrainSectorLog(ctx);
        }
        FltReleaseSectorLog(ctx);

        if (ctx->BounceMdl == NULL && ctx->BounceBuffer == NULL) {
            /* Dump_Start never ran on this stack. */
            goto Keys;
        }

#if defined(SEED_UNLOAD_LEAK)
        if (ctx->DumpType == DumpTypeHibernation) {
            /* BUG: the resume path frees the buffer and forgets its MDL. */
            MmFreeContiguousMemorySpecifyCache(ctx->BounceBuffer,
                                               FLT_BOUNCE_BYTES,
                                               FLT_BOUNCE_CACHE);
            return STATUS_SUCCESS;      // unload-leak-warning{{[dump-unload-leak]}}
        }
#endif

        /* The MDL and then the buffer it describes. */
#if defined(SEED_DOUBLE_RELEASE)
        staleMdl = ctx->BounceMdl;
        FltReleaseBounceBuffer(ctx);
        if (staleMdl != NULL) {
            /* BUG: "make sure" the MDL is gone: the helper freed it already. */
            IoFreeMdl(staleMdl);        // double-release-warning{{[dump-double-release]}}
        }
#else
        FltReleaseBounceBuffer(ctx);
#endif

Keys:
        /* The key schedule must not go back to the pool readable. */
        FltScrubKeys(ctx);

#if defined(SEED_UNLOAD_STATUS_PENDING)
        if (ctx->DumpType == DumpTypeHibernation && ctx->ReadsFiltered == 0) {
            /* BUG: "resume has not read through us yet" is no error. */
            return STATUS_PENDING;      // unload-status-pending-warning{{[dump-unload-status]}}
        }
#endif

    } __finally {

        /* Whatever happened above, the context goes back to the pool. */
        FltReleaseContext(ctx);
    }

#if defined(SEED_USE_AFTER_RELEASE)
    /* BUG: ctx went back to the pool in the __finally block. */
    if (ctx->BounceMdl != NULL) {       // use-after-release-warning{{[dump-use-after-release]}}
        status = STATUS_INTERNAL_ERROR;
    }
#endif

#if defined(SEED_UNLOAD_STATUS_TRUE)
    /* BUG: a BOOLEAN "done", not an NTSTATUS. */
    return TRUE;                        // unload-status-true-warning{{[dump-unload-status]}}
#else
    // unload-status-uninit-warning@+3{{[dump-unload-status]}}
    // unload-status-helper-warning@+2{{[dump-unload-status]}}
    // unload-leak-helper-warning@+1{{[dump-unload-leak]}}
    return status;
#endif
}

#if defined(SEED_CALLBACK_SIGNATURE)
/*
 * FltLegacyUnload
 *
 * The unload routine of the first release of dfcrypt, which returned
 * nothing.  Kept as a shim around FltDumpUnload.
 */
_Use_decl_annotations_
VOID
FltLegacyUnload(
    PFILTER_EXTENSION FilterExtension
    )
{
    (VOID)FltDumpUnload(FilterExtension);
}
#endif
