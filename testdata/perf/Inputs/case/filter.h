/*
 * filter.h - dfcrypt, a crash-dump / hibernation encryption filter.
 *
 * dfcrypt sits on the dump stack of an encrypted volume.  Every write of the
 * crash dump or of the hibernation file is encrypted into a bounce buffer of
 * its own (the port driver is pointed at that buffer, the system's pages are
 * never touched); every read back through the dump stack is decrypted in
 * place.  A sector log records a checksum of each encrypted write, so that a
 * read of the same range can be verified, and so that Dump_Unload can tell
 * whether the last dump was written completely.
 *
 * Resources, and who owns them (all reached through FILTER_EXTENSION.DumpData):
 *
 *   what                    acquired in        by                         released by
 *   FLT_CONTEXT             DriverEntry        ExAllocatePoolWithTag      FltReleaseContext
 *                                              (NonPagedPoolNx, FLT_TAG)  (ExFreePoolWithTag, FLT_TAG)
 *   ->KeySchedule           FltInitializeKeys  ExAllocatePool2            FltReleaseContext
 *                           (from DriverEntry) (FLT_KEY_TAG)              (ExFreePoolWithTag, FLT_KEY_TAG)
 *   ->SectorLog             FltDumpStart       ExAllocatePoolWithTag      FltReleaseSectorLog
 *                                              (FLT_LOG_TAG)              (ExFreePoolWithTag, FLT_LOG_TAG)
 *   ->BounceBuffer          FltDumpStart       MmAllocateContiguous-      FltReleaseBounceBuffer
 *                                              MemorySpecifyCache         (MmFreeContiguousMemory-
 *                                                                          SpecifyCache, same size/cache)
 *   ->BounceMdl             FltDumpStart       IoAllocateMdl              FltReleaseBounceBuffer
 *                                                                         (IoFreeMdl, before the buffer)
 *
 * FltDumpUnload releases all of it on every path: the sector log and the bounce
 * buffer in its __try block, the key schedule and the context in its __finally.
 *
 * This driver is dumpcheck's golden target: built as is it must produce no
 * finding.  Each SEED_xxx macro plants one known bug (see README.md); the
 * "-warning" comments next to the code, one prefix per seed, are what
 * dumpcheck --verify=<prefix> expects of that build.
 */

#ifndef DFCRYPT_FILTER_H
#define DFCRYPT_FILTER_H

#include <NtDDK.h>
#include <ntdddump.h>

/* ------------------------------------------------------------------------
 * Pool tags (they read "FDmp", "FDKy", "FDLg" in a pool dump)
 * ------------------------------------------------------------------------ */

#define FLT_TAG                 'pmDF'      /* the context */
#define FLT_KEY_TAG             'yKDF'      /* the expanded key schedule */
#define FLT_LOG_TAG             'gLDF'      /* the sector log */

/* ------------------------------------------------------------------------
 * Sizes
 * ------------------------------------------------------------------------ */

/* Largest write we accept from the dump port driver, in pages. */
#define FLT_MAX_PAGES_PER_WRITE 16

/* The bounce buffer holds one maximal write. */
#define FLT_BOUNCE_BYTES        ((SIZE_T)FLT_MAX_PAGES_PER_WRITE * PAGE_SIZE)

/* Cache type of the bounce buffer: allocation and release must agree. */
#define FLT_BOUNCE_CACHE        MmCached

/* Expanded key schedule. */
#define FLT_KEY_BYTES           256

/* Writes remembered by the sector log. */
#define FLT_LOG_ENTRIES         512

#define FLT_CONTEXT_SIGNATURE   0x74707243      /* "Crpt" */

/* ------------------------------------------------------------------------
 * Bug checks
 *
 * Dump_Write runs on a crashed (or hibernating) system: nothing can be
 * allocated, retried or reported.  A state that would let plaintext reach
 * the disk ends the system instead.
 * ------------------------------------------------------------------------ */

#define FLT_BUGCHECK_CODE       ((ULONG)0xDFC0DE00)

#define FLT_BUG_NOT_STARTED     1       /* Dump_Write before a successful Dump_Start */
#define FLT_BUG_WRITE_LENGTH    2       /* write larger than the bounce buffer or not whole sectors */
#define FLT_BUG_MAP_FAILED      3       /* the port driver's MDL could not be mapped */

#define FLT_BUGCHECK(Reason, Arg2, Arg3)                                \
    KeBugCheckEx(FLT_BUGCHECK_CODE,                                     \
                 (ULONG_PTR)(Reason),                                   \
                 (ULONG_PTR)(Arg2),                                     \
                 (ULONG_PTR)(Arg3),                                     \
                 (ULONG_PTR)__LINE__)

/* ------------------------------------------------------------------------
 * Data
 * ------------------------------------------------------------------------ */

/* One encrypted write. */
typedef struct _FLT_LOG_ENTRY {
    LONGLONG DiskByteOffset;
    ULONG Length;
    ULONG Checksum;                     /* of the encrypted data */
} FLT_LOG_ENTRY, *PFLT_LOG_ENTRY;

typedef struct _FLT_SECTOR_LOG {
    ULONG Count;                        /* entries in use */
    ULONG Dropped;                      /* writes that found the log full */
    BOOLEAN Sealed;                     /* set by Dump_Finish */
    ULONG Seal;                         /* checksum of Entries[0 .. Count) */
    FLT_LOG_ENTRY Entries[FLT_LOG_ENTRIES];
} FLT_SECTOR_LOG, *PFLT_SECTOR_LOG;

#define FLT_LOG_BYTES           sizeof(FLT_SECTOR_LOG)

/* The filter's context: FILTER_INITIALIZATION_DATA.DumpData. */
typedef struct _FLT_CONTEXT {
    ULONG Signature;                    /* FLT_CONTEXT_SIGNATURE */
    FILTER_DUMP_TYPE DumpType;          /* crash dump or hibernation stack */
    ULONG SectorSize;                   /* bytes per sector of the dump disk */
    ULONG64 LoadTime;                   /* interrupt time when the stack was prepared */

    PUCHAR KeySchedule;                 /* FLT_KEY_BYTES, FLT_KEY_TAG */
    PFLT_SECTOR_LOG SectorLog;          /* FLT_LOG_BYTES, FLT_LOG_TAG */
    PVOID BounceBuffer;                 /* FLT_BOUNCE_BYTES, contiguous, FLT_BOUNCE_CACHE */
    PMDL BounceMdl;                     /* describes BounceBuffer */

    ULONG64 WritesFiltered;
    ULONG64 ReadsFiltered;
} FLT_CONTEXT, *PFLT_CONTEXT;

/* ------------------------------------------------------------------------
 * Routines
 * ------------------------------------------------------------------------ */

/* entry.c */
DRIVER_INITIALIZE DriverEntry;

/* callbacks.c */
DUMP_START FltDumpStart;
DUMP_WRITE FltDumpWrite;
DUMP_FINISH FltDumpFinish;
DUMP_READ FltDumpRead;

/* unload.c */
#if defined(SEED_CALLBACK_SIGNATURE)
/* The first release: no role declarations, and an unload shim without status. */
NTSTATUS FltDumpUnload(_In_ PFILTER_EXTENSION FilterExtension);
VOID FltLegacyUnload(_In_ PFILTER_EXTENSION FilterExtension);
#else
DUMP_UNLOAD FltDumpUnload;      // callback-missing-warning{{[dump-callback-missing]}}
#endif

/* helpers.c: keys and data */
NTSTATUS FltInitializeKeys(_Inout_ PFLT_CONTEXT Ctx, _In_ PFILTER_EXTENSION FilterExtension);
VOID FltScrubKeys(_Inout_ PFLT_CONTEXT Ctx);
VOID FltTransform(_In_ PFLT_CONTEXT Ctx, _Out_writes_bytes_(Length) PUCHAR Destination,
                  _In_reads_bytes_(Length) const UCHAR *Source, _In_ ULONG Length,
                  _In_ LONGLONG DiskByteOffset);
ULONG FltChecksum(_In_reads_bytes_(Length) const VOID *Buffer, _In_ SIZE_T Length);

/* helpers.c: the sector log */
VOID FltLogWrite(_Inout_ PFLT_CONTEXT Ctx, _In_ LONGLONG DiskByteOffset, _In_ ULONG Length,
                 _In_ ULONG Checksum);
NTSTATUS FltCheckLoggedRead(_In_ PFLT_CONTEXT Ctx, _In_ LONGLONG DiskByteOffset,
                            _In_ ULONG Length, _In_ ULONG Checksum);
NTSTATUS FltDrainSectorLog(_In_ PFLT_CONTEXT Ctx);

/* helpers.c: release helpers; each tolerates what was never allocated */
VOID FltReleaseSectorLog(_Inout_ PFLT_CONTEXT Ctx);
VOID FltReleaseBounceBuffer(_Inout_ PFLT_CONTEXT Ctx);
VOID FltReleaseContext(_In_opt_ __drv_freesMem(Mem) PFLT_CONTEXT Ctx);

#endif /* DFCRYPT_FILTER_H */
