/*
 * ntdddump.h - crash-dump / hibernation filter driver interface.
 *
 * dumpcheck's own declaration of the dump filter interface, for tool chains
 * that do not ship one (mingw-w64 has no ntdddump.h).  It is written from the
 * public description of the interface (see docs/api-facts.md of dumpcheck):
 * the names, the member names and the constant values follow that
 * description, so a driver that compiles against the WDK header compiles
 * against this one.
 *
 * dumpcheck puts this folder on the include path with -idirafter, so a
 * driver's own (or the WDK's) ntdddump.h always wins over this file.
 *
 * It can be included before or after <ntddk.h> / <wdm.h>.
 */

#ifndef _NTDDDUMP_H_
#define _NTDDDUMP_H_

#if defined(_MSC_VER) || defined(__clang__)
#pragma once
#endif

/* Kernel base types (NTSTATUS, PMDL, PDEVICE_OBJECT, LARGE_INTEGER ...). */
#if !defined(_WDMDDK_) && !defined(_NTDDK_) && !defined(_NTIFS_)
#include <ntddk.h>
#endif

/* DISK_GEOMETRY and DISK_PARTITION_INFO. */
#include <ntdddisk.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Versions and flags of FILTER_INITIALIZATION_DATA
 * ------------------------------------------------------------------------ */

/* MajorVersion: 1 is the original interface (no DumpRead); 2 adds DumpRead. */
#define DUMP_FILTER_MAJOR_VERSION_1             0x1
#define DUMP_FILTER_MAJOR_VERSION               0x2

#define DUMP_FILTER_MINOR_VERSION               0x0

/*
 * Flags.
 *   DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ: the filter filters reads; DumpRead
 *     is only called when this flag is set and MajorVersion is
 *     DUMP_FILTER_MAJOR_VERSION (Windows 8 and later).
 *   DUMP_FILTER_CRITICAL: fail the initialisation of the dump stack when the
 *     filter's entry point does not return STATUS_SUCCESS (Windows 8 and
 *     later).
 */
#define DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ    0x00000001
#define DUMP_FILTER_CRITICAL                    0x00000002

/* ------------------------------------------------------------------------
 * FILTER_EXTENSION: handed to every callback
 * ------------------------------------------------------------------------ */

/* The kind of dump stack this instance of the filter was loaded on. */
typedef enum _FILTER_DUMP_TYPE {
    DumpTypeUndefined,
    DumpTypeCrashdump,
    DumpTypeHibernation
} FILTER_DUMP_TYPE, *PFILTER_DUMP_TYPE;

typedef struct _FILTER_EXTENSION {

    /* Crash dump or hibernation stack. */
    FILTER_DUMP_TYPE DumpType;

    /* Top of the device stack of the dump volume. */
    PDEVICE_OBJECT DeviceObject;

    /* Geometry and size of the dump disk. */
    DISK_GEOMETRY Geometry;
    LARGE_INTEGER DiskSize;

    /* Partition information of the dump volume. */
    DISK_PARTITION_INFO PartitionInfo;

    /*
     * The filter's own context: whatever the entry point stored in
     * FILTER_INITIALIZATION_DATA.DumpData.
     */
    PVOID DumpData;

    ULONG Size;
    ULONG Flags;

} FILTER_EXTENSION, *PFILTER_EXTENSION;

/* ------------------------------------------------------------------------
 * Callbacks
 *
 * Each returns STATUS_SUCCESS when it succeeds and otherwise one of the
 * error status values of ntstatus.h.
 *
 * The function types are meant for role declarations, as for the other
 * kernel callback types:
 *
 *     DUMP_UNLOAD MyDumpUnload;
 * ------------------------------------------------------------------------ */

/* Called after the dump driver is initialised, before the dump is written. */
typedef
_Function_class_(DUMP_START)
_IRQL_requires_same_
NTSTATUS
DUMP_START(
    _In_ PFILTER_EXTENSION FilterExtension
    );

typedef DUMP_START *PDUMP_START;

/*
 * Called before every write to the dump port driver.  The filter may read
 * the data; to change it, it copies it into a buffer of its own and points
 * Mdl at that buffer (the size of the write must not change).
 */
typedef
_Function_class_(DUMP_WRITE)
_IRQL_requires_same_
NTSTATUS
DUMP_WRITE(
    _In_ PFILTER_EXTENSION FilterExtension,
    _Inout_ PLARGE_INTEGER DiskByteOffset,
    _Inout_ PMDL Mdl
    );

typedef DUMP_WRITE *PDUMP_WRITE;

/* Called after all the dump data is written. */
typedef
_Function_class_(DUMP_FINISH)
_IRQL_requires_same_
NTSTATUS
DUMP_FINISH(
    _In_ PFILTER_EXTENSION FilterExtension
    );

typedef DUMP_FINISH *PDUMP_FINISH;

/*
 * Called when the dump stack is unloaded: the filter's chance to release
 * everything it allocated.
 */
typedef
_Function_class_(DUMP_UNLOAD)
_IRQL_requires_same_
NTSTATUS
DUMP_UNLOAD(
    _In_ PFILTER_EXTENSION FilterExtension
    );

typedef DUMP_UNLOAD *PDUMP_UNLOAD;

/*
 * Called after every read from the dump port driver (Windows 8 and later;
 * needs DUMP_FILTER_MAJOR_VERSION and DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ).
 */
typedef
_Function_class_(DUMP_READ)
_IRQL_requires_same_
NTSTATUS
DUMP_READ(
    _In_ PFILTER_EXTENSION FilterExtension,
    _In_ PLARGE_INTEGER DiskByteOffset,
    _In_ PMDL Mdl
    );

typedef DUMP_READ *PDUMP_READ;

/*
 * The newest headers append a DumpPreReadWrite member.  Its callback is not
 * part of the interface description this file follows, so the member is only
 * declared on request (define DUMPCHECK_NTDDDUMP_PRE_READ_WRITE); its shape
 * here is assumed to be the one of DUMP_READ.
 */
#if defined(DUMPCHECK_NTDDDUMP_PRE_READ_WRITE)
typedef
_Function_class_(DUMP_PRE_READ_WRITE)
_IRQL_requires_same_
NTSTATUS
DUMP_PRE_READ_WRITE(
    _In_ PFILTER_EXTENSION FilterExtension,
    _In_ PLARGE_INTEGER DiskByteOffset,
    _In_ PMDL Mdl
    );

typedef DUMP_PRE_READ_WRITE *PDUMP_PRE_READ_WRITE;
#endif

/* ------------------------------------------------------------------------
 * FILTER_INITIALIZATION_DATA: filled by the filter's entry point
 * ------------------------------------------------------------------------ */

typedef struct _FILTER_INITIALIZATION_DATA {

    /* DUMP_FILTER_MAJOR_VERSION_1 or DUMP_FILTER_MAJOR_VERSION. */
    ULONG MajorVersion;

    /* DUMP_FILTER_MINOR_VERSION. */
    ULONG MinorVersion;

    /* The callbacks; each is optional. */
    PDUMP_START DumpStart;
    PDUMP_WRITE DumpWrite;
    PDUMP_FINISH DumpFinish;
    PDUMP_UNLOAD DumpUnload;

    /* Handed back as FILTER_EXTENSION.DumpData in every callback. */
    PVOID DumpData;

    /* Largest read or write request, in pages. */
    ULONG MaxPagesPerWrite;

    /* 0, or DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ | DUMP_FILTER_CRITICAL. */
    ULONG Flags;

    /* Windows 8 and later. */
    PDUMP_READ DumpRead;

#if defined(DUMPCHECK_NTDDDUMP_PRE_READ_WRITE)
    /* Newest headers only. */
    PDUMP_PRE_READ_WRITE DumpPreReadWrite;
#endif

} FILTER_INITIALIZATION_DATA, *PFILTER_INITIALIZATION_DATA;

#ifdef __cplusplus
}
#endif

#endif /* _NTDDDUMP_H_ */
