// RUN: %dumpcheck --verify %s
// Not a finding: the same macro layers with the matching tag, the release
// macro on every path, and conforming statuses behind cast macros.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define MAKE_TAG(a, b, c, d) ((ULONG)(a) | ((ULONG)(b) << 8) | ((ULONG)(c) << 16) | ((ULONG)(d) << 24))
#define KEY_TAG   MAKE_TAG('D', 'F', 'k', 'y')

#define FLT_ALLOC(n, t) ((PUCHAR)ExAllocatePool2(POOL_FLAG_NON_PAGED, (SIZE_T)(n), (ULONG)(t)))
#define ALLOC_KEY(n)    FLT_ALLOC((n), KEY_TAG)
#define FLT_FREE(p, t)  ExFreePool2((PVOID)(p), (ULONG)(t), NULL, 0)
#define FREE_KEY(p)     FLT_FREE((p), KEY_TAG)
#define FLT_STATUS(s)   ((NTSTATUS)(s))
#define FLT_FAILED      FLT_STATUS(STATUS_DEVICE_NOT_READY)
#define FLT_OK          FLT_STATUS(STATUS_SUCCESS)

static PUCHAR g_Key;
static ULONG g_Broken;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Key != NULL)
        FREE_KEY(g_Key);
    if (g_Broken)
        return FLT_FAILED;
    return FLT_OK;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Key = ALLOC_KEY(64);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
