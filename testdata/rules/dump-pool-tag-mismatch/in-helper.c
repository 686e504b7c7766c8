// RUN: %dumpcheck --verify %s
// The tag mismatch is in a release helper called by the unload; the finding is
// at the helper's release.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG      'tlFD'
#define FLT_LOG_TAG  'gLFD'

static PVOID g_Log;

static VOID FltReleaseLog(VOID)
{
    if (g_Log != NULL) {
        ExFreePoolWithTag(g_Log, FLT_TAG); // expected-warning{{[dump-pool-tag-mismatch]}}
        g_Log = NULL;
    }
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    FltReleaseLog();
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Log = ExAllocatePoolZero(NonPagedPoolNx, PAGE_SIZE, FLT_LOG_TAG);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
