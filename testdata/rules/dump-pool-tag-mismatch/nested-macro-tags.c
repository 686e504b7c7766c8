// RUN: %dumpcheck --verify %s
// Tags through nested macros and casts: ExAllocatePool2 with one, ExFreePool2 with
// another.

#include <ntddk.h>
#include <ntdddump.h>

#define MAKE_TAG(a, b, c, d) ((ULONG)(a) | ((ULONG)(b) << 8) | ((ULONG)(c) << 16) | ((ULONG)(d) << 24))
#define FLT_KEY_TAG  MAKE_TAG('D', 'F', 'k', 'y')
#define FLT_LOG_TAG  MAKE_TAG('D', 'F', 'l', 'g')

static PVOID g_Key;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Key != NULL)
        ExFreePool2(g_Key, FLT_LOG_TAG, NULL, 0); // expected-warning{{[dump-pool-tag-mismatch]}}
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Key = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, FLT_KEY_TAG);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
