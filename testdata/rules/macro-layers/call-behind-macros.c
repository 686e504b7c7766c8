// RUN: %dumpcheck --verify %s
// The calls themselves behind two layers of macros, with casts: an
// ExAllocatePool2 behind ALLOC_KEY -> FLT_ALLOC, an ExFreePool2 with the
// wrong tag behind FREE_KEY -> FLT_FREE (a pool-tag mismatch), a release
// behind a do/while macro that also clears the slot, and statuses behind
// cast macros (one of them STATUS_PENDING, a finding).

#include <ntddk.h>
#include <ntdddump.h>

#define MAKE_TAG(a, b, c, d) ((ULONG)(a) | ((ULONG)(b) << 8) | ((ULONG)(c) << 16) | ((ULONG)(d) << 24))
#define KEY_TAG   MAKE_TAG('D', 'F', 'k', 'y')
#define WRONG_TAG MAKE_TAG('D', 'F', 'l', 'g')
#define BUF_TAG   'fbFD'

#define FLT_ALLOC(n, t) ((PUCHAR)ExAllocatePool2(POOL_FLAG_NON_PAGED, (SIZE_T)(n), (ULONG)(t)))
#define ALLOC_KEY(n)    FLT_ALLOC((n), KEY_TAG)
#define FLT_FREE(p, t)  ExFreePool2((PVOID)(p), (ULONG)(t), NULL, 0)
#define FREE_KEY(p)     FLT_FREE((p), WRONG_TAG)
#define SAFE_FREE(p, t) do { if ((p) != NULL) { ExFreePoolWithTag((PVOID)(p), (t)); (p) = NULL; } } while (0)
#define FLT_STATUS(s)   ((NTSTATUS)(s))
#define FLT_BUSY        FLT_STATUS(STATUS_PENDING)
#define FLT_OK          FLT_STATUS(STATUS_SUCCESS)

static PUCHAR g_Key;
static PVOID g_Buffer;
static ULONG g_Busy;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    SAFE_FREE(g_Buffer, BUF_TAG);
    if (g_Key != NULL)
        FREE_KEY(g_Key); // expected-warning{{[dump-pool-tag-mismatch]}}
    if (g_Busy)
        return FLT_BUSY; // expected-warning{{STATUS_PENDING}}
    return FLT_OK;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Key = ALLOC_KEY(64);
    g_Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, BUF_TAG);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
