// RUN: %dumpcheck --verify %s
// Allocated under one tag macro, freed under another: a tag mismatch at the
// release, with a note at the allocation.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG      'tlFD'
#define FLT_CTX_TAG  'xCFD'

static PVOID g_Context;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Context != NULL)
        ExFreePoolWithTag(g_Context, FLT_TAG); // expected-warning{{[dump-pool-tag-mismatch]}}
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Context = ExAllocatePoolWithTag(NonPagedPoolNx, 128, FLT_CTX_TAG);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
