/*
 * dumpcheck_wdk_compat.h - kernel routines of newer WDKs that mingw-w64's
 * ddk headers do not declare.
 *
 * dumpcheck force-includes this file (-include) in front of every source it
 * parses with its embedded default (mingw-w64 headers), so that drivers
 * written against a current WDK parse without "implicit declaration" errors.
 * It is therefore the first thing in every translation unit: it includes
 * <ntddk.h> itself and then adds what is missing.  Every block is guarded, so
 * a later mingw-w64 that declares one of these does not see a conflicting
 * second declaration.
 *
 * Only declarations: nothing here has a body, so the checker sees each of
 * these routines as the named kernel routine (an allocator, a release, ...)
 * and never as code to analyse.
 *
 * Works in C and C++.
 */

#ifndef DUMPCHECK_WDK_COMPAT_H
#define DUMPCHECK_WDK_COMPAT_H

#if defined(_MSC_VER) || defined(__clang__)
#pragma once
#endif

/* Declarations of kernel routines, as the WDK's own headers are: calls to
 * them are calls into the system, not into driver code without a body. */
#if defined(__clang__)
#pragma clang system_header
#endif

/*
 * The kernel headers.
 *
 * mingw-w64's <intrin.h> (pulled in by <wdm.h>) includes clang's
 * <mm3dnow.h>, which carries a #warning that the 3DNow! intrinsics are
 * deprecated.  It says nothing about the driver being parsed, so keep it out
 * of every run.
 */
#if !defined(_WDMDDK_) && !defined(_NTDDK_) && !defined(_NTIFS_)
/*
 * In C++, mingw-w64's <wdm.h> defines InterlockedBitTestAndSet/Reset a
 * second time after <intrin.h> did, which C++ rejects.  Keep the <wdm.h>
 * definitions: tell the intrinsics header they exist already.
 */
#if defined(__cplusplus) && defined(__MINGW32__)
#ifndef __INTRINSIC_DEFINED_InterlockedBitTestAndSet
#define __INTRINSIC_DEFINED_InterlockedBitTestAndSet
#endif
#ifndef __INTRINSIC_DEFINED_InterlockedBitTestAndReset
#define __INTRINSIC_DEFINED_InterlockedBitTestAndReset
#endif
#endif
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-W#warnings"
#endif
#include <ntddk.h>
#if defined(__clang__)
#pragma clang diagnostic pop
#endif
#endif

/*
 * mingw-w64's <sal.h> leaves the legacy annotations __in and __out undefined
 * in C++ (they clash with parameter names in libstdc++), but C++ drivers
 * written for the WDK use them.  Kernel code does not include libstdc++;
 * define DUMPCHECK_NO_SAL_IN_OUT if a driver does.
 */
#if defined(__cplusplus) && !defined(DUMPCHECK_NO_SAL_IN_OUT)
#ifndef __in
#define __in
#endif
#ifndef __out
#define __out
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Pool: ExAllocatePool2 / ExAllocatePool3 / ExFreePool2 (Windows 10 2004)
 * ------------------------------------------------------------------------ */

#ifndef POOL_FLAG_NON_PAGED

typedef ULONG64 POOL_FLAGS;

/* Required flags: the allocation fails if one of them cannot be honoured. */
#define POOL_FLAG_REQUIRED_START            0x0000000000000001ULL
#define POOL_FLAG_USE_QUOTA                 0x0000000000000001ULL
#define POOL_FLAG_UNINITIALIZED             0x0000000000000002ULL
#define POOL_FLAG_SESSION                   0x0000000000000004ULL
#define POOL_FLAG_CACHE_ALIGNED             0x0000000000000008ULL
#define POOL_FLAG_RESERVED1                 0x0000000000000010ULL
#define POOL_FLAG_RAISE_ON_FAILURE          0x0000000000000020ULL
#define POOL_FLAG_NON_PAGED                 0x0000000000000040ULL
#define POOL_FLAG_NON_PAGED_EXECUTE         0x0000000000000080ULL
#define POOL_FLAG_PAGED                     0x0000000000000100ULL
#define POOL_FLAG_RESERVED2                 0x0000000000000200ULL
#define POOL_FLAG_RESERVED3                 0x0000000000000400ULL
#define POOL_FLAG_REQUIRED_END              0x0000000080000000ULL

/* Optional flags: best effort. */
#define POOL_FLAG_OPTIONAL_START            0x0000000100000000ULL
#define POOL_FLAG_SPECIAL_POOL              0x0000000100000000ULL
#define POOL_FLAG_OPTIONAL_END              0x8000000000000000ULL

typedef enum _POOL_EXTENDED_PARAMETER_TYPE {
    PoolExtendedParameterInvalidType = 0,
    PoolExtendedParameterPriority,
    PoolExtendedParameterSecurePool,
    PoolExtendedParameterNumaNode,
    PoolExtendedParameterMax
} POOL_EXTENDED_PARAMETER_TYPE, *PPOOL_EXTENDED_PARAMETER_TYPE;

#define POOL_EXTENDED_PARAMETER_TYPE_BITS       8
#define POOL_EXTENDED_PARAMETER_REQUIRED_FIELD_BITS 1
#define POOL_EXTENDED_PARAMETER_RESERVED_BITS   \
    (64 - POOL_EXTENDED_PARAMETER_TYPE_BITS - POOL_EXTENDED_PARAMETER_REQUIRED_FIELD_BITS)

#define SECURE_POOL_FLAGS_NONE                  0x0
#define SECURE_POOL_FLAGS_FREEABLE              0x1
#define SECURE_POOL_FLAGS_MODIFIABLE            0x2

typedef struct _POOL_EXTENDED_PARAMS_SECURE_POOL {
    HANDLE SecurePoolHandle;
    PVOID Buffer;
    ULONG_PTR Cookie;
    ULONG SecurePoolFlags;
} POOL_EXTENDED_PARAMS_SECURE_POOL;

typedef struct _POOL_EXTENDED_PARAMETER {
    struct {
        ULONG64 Type : POOL_EXTENDED_PARAMETER_TYPE_BITS;
        ULONG64 Optional : POOL_EXTENDED_PARAMETER_REQUIRED_FIELD_BITS;
        ULONG64 Reserved : POOL_EXTENDED_PARAMETER_RESERVED_BITS;
    } DUMMYSTRUCTNAME;
    union {
        ULONG64 Reserved2;
        PVOID Reserved3;
        EX_POOL_PRIORITY Priority;
        POOL_EXTENDED_PARAMS_SECURE_POOL *SecurePoolParams;
        NODE_REQUIREMENT PreferredNode;
    } DUMMYUNIONNAME;
} POOL_EXTENDED_PARAMETER, *PPOOL_EXTENDED_PARAMETER;

typedef const POOL_EXTENDED_PARAMETER *PCPOOL_EXTENDED_PARAMETER;

/* Zeroed unless POOL_FLAG_UNINITIALIZED; NULL on failure. */
NTKERNELAPI
PVOID
NTAPI
ExAllocatePool2(
    _In_ POOL_FLAGS Flags,
    _In_ SIZE_T NumberOfBytes,
    _In_ ULONG Tag);

NTKERNELAPI
PVOID
NTAPI
ExAllocatePool3(
    _In_ POOL_FLAGS Flags,
    _In_ SIZE_T NumberOfBytes,
    _In_ ULONG Tag,
    _In_reads_opt_(ExtendedParametersCount) PCPOOL_EXTENDED_PARAMETER ExtendedParameters,
    _In_ ULONG ExtendedParametersCount);

NTKERNELAPI
VOID
NTAPI
ExFreePool2(
    _Pre_notnull_ PVOID P,
    _In_ ULONG Tag,
    _In_reads_opt_(ExtendedParametersCount) PCPOOL_EXTENDED_PARAMETER ExtendedParameters,
    _In_ ULONG ExtendedParametersCount);

#endif /* POOL_FLAG_NON_PAGED */

/* ------------------------------------------------------------------------
 * Pool: zeroing / non-zeroing wrappers of ExAllocatePoolWithTag
 * (inline routines of the WDK's wdm.h; declared as routines here)
 * ------------------------------------------------------------------------ */

#ifndef DUMPCHECK_HAVE_POOL_ZERO
#define DUMPCHECK_HAVE_POOL_ZERO 1

NTKERNELAPI
PVOID
NTAPI
ExAllocatePoolZero(
    _In_ POOL_TYPE PoolType,
    _In_ SIZE_T NumberOfBytes,
    _In_ ULONG Tag);

NTKERNELAPI
PVOID
NTAPI
ExAllocatePoolUninitialized(
    _In_ POOL_TYPE PoolType,
    _In_ SIZE_T NumberOfBytes,
    _In_ ULONG Tag);

NTKERNELAPI
PVOID
NTAPI
ExAllocatePoolQuotaZero(
    _In_ POOL_TYPE PoolType,
    _In_ SIZE_T NumberOfBytes,
    _In_ ULONG Tag);

NTKERNELAPI
PVOID
NTAPI
ExAllocatePoolQuotaUninitialized(
    _In_ POOL_TYPE PoolType,
    _In_ SIZE_T NumberOfBytes,
    _In_ ULONG Tag);

NTKERNELAPI
PVOID
NTAPI
ExAllocatePoolPriorityZero(
    _In_ POOL_TYPE PoolType,
    _In_ SIZE_T NumberOfBytes,
    _In_ ULONG Tag,
    _In_ EX_POOL_PRIORITY Priority);

NTKERNELAPI
PVOID
NTAPI
ExAllocatePoolPriorityUninitialized(
    _In_ POOL_TYPE PoolType,
    _In_ SIZE_T NumberOfBytes,
    _In_ ULONG Tag,
    _In_ EX_POOL_PRIORITY Priority);

#endif /* DUMPCHECK_HAVE_POOL_ZERO */

/* ------------------------------------------------------------------------
 * Driver runtime: non-executable default pool (POOL_NX_OPTIN)
 * ------------------------------------------------------------------------ */

#ifndef DrvRtPoolNxOptIn
#define DrvRtPoolNxOptIn 0x00000001

extern POOL_TYPE ExDefaultNonPagedPoolType;
extern ULONG ExDefaultMdlProtection;

NTKERNELAPI
VOID
NTAPI
ExInitializeDriverRuntime(
    _In_ ULONG RuntimeFlags);

#endif /* DrvRtPoolNxOptIn */

/* ------------------------------------------------------------------------
 * Memory manager
 * ------------------------------------------------------------------------ */

/* Flags OR-ed into the MM_PAGE_PRIORITY of the MDL mapping routines. */
#ifndef MdlMappingNoWrite
#define MdlMappingNoWrite                   0x80000000
#endif
#ifndef MdlMappingNoExecute
#define MdlMappingNoExecute                 0x40000000
#endif

/* MmAllocateNodePagesForMdlEx / MmAllocatePagesForMdlEx flags. */
#ifndef MM_DONT_ZERO_ALLOCATION
#define MM_DONT_ZERO_ALLOCATION             0x00000001
#endif
#ifndef MM_ALLOCATE_FROM_LOCAL_NODE_ONLY
#define MM_ALLOCATE_FROM_LOCAL_NODE_ONLY    0x00000002
#endif
#ifndef MM_ALLOCATE_FULLY_REQUIRED
#define MM_ALLOCATE_FULLY_REQUIRED          0x00000004
#endif
#ifndef MM_ALLOCATE_NO_WAIT
#define MM_ALLOCATE_NO_WAIT                 0x00000008
#endif

#ifndef DUMPCHECK_HAVE_MM_NODE_ROUTINES
#define DUMPCHECK_HAVE_MM_NODE_ROUTINES 1

/* Released with MmFreeContiguousMemory. */
NTKERNELAPI
PVOID
NTAPI
MmAllocateContiguousNodeMemory(
    _In_ SIZE_T NumberOfBytes,
    _In_ PHYSICAL_ADDRESS LowestAcceptableAddress,
    _In_ PHYSICAL_ADDRESS HighestAcceptableAddress,
    _In_opt_ PHYSICAL_ADDRESS BoundaryAddressMultiple,
    _In_ ULONG Protect,
    _In_ NODE_REQUIREMENT PreferredNode);

/* Released with MmFreePagesFromMdl, then ExFreePool on the MDL. */
NTKERNELAPI
PMDL
NTAPI
MmAllocateNodePagesForMdlEx(
    _In_ PHYSICAL_ADDRESS LowAddress,
    _In_ PHYSICAL_ADDRESS HighAddress,
    _In_ PHYSICAL_ADDRESS SkipBytes,
    _In_ SIZE_T TotalBytes,
    _In_ MEMORY_CACHING_TYPE CacheType,
    _In_ ULONG IdealNode,
    _In_ ULONG Flags);

/* Released with MmFreeMappingAddress. */
NTKERNELAPI
PVOID
NTAPI
MmAllocateMappingAddressEx(
    _In_ SIZE_T NumberOfBytes,
    _In_ ULONG PoolTag,
    _In_ ULONG Flags);

/* Released with MmUnmapIoSpace. */
NTKERNELAPI
PVOID
NTAPI
MmMapIoSpaceEx(
    _In_ PHYSICAL_ADDRESS PhysicalAddress,
    _In_ SIZE_T NumberOfBytes,
    _In_ ULONG Protect);

#endif /* DUMPCHECK_HAVE_MM_NODE_ROUTINES */

/* ------------------------------------------------------------------------
 * Time
 * ------------------------------------------------------------------------ */

#ifndef DUMPCHECK_HAVE_INTERRUPT_TIME_PRECISE
#define DUMPCHECK_HAVE_INTERRUPT_TIME_PRECISE 1

NTKERNELAPI
ULONG64
NTAPI
KeQueryInterruptTimePrecise(
    _Out_ PULONG64 QpcTimeStamp);

#endif /* DUMPCHECK_HAVE_INTERRUPT_TIME_PRECISE */

/* ------------------------------------------------------------------------
 * Smaller gaps real filters run into
 * ------------------------------------------------------------------------ */

/* MSVC accepts static_assert in C. */
#if !defined(__cplusplus) && !defined(static_assert)
#define static_assert _Static_assert
#endif

#ifndef DUMPCHECK_HAVE_ALLOCATE_FUNCTION
#define DUMPCHECK_HAVE_ALLOCATE_FUNCTION 1
/* The function type behind PALLOCATE_FUNCTION, for role-style declarations. */
typedef PVOID NTAPI ALLOCATE_FUNCTION(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
#endif

#ifndef DUMPCHECK_HAVE_PRKPROCESS
#define DUMPCHECK_HAVE_PRKPROCESS 1
typedef struct _KPROCESS *PRKPROCESS;
#endif

#ifdef __cplusplus
}
#endif

#endif /* DUMPCHECK_WDK_COMPAT_H */
