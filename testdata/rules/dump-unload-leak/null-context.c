// RUN: %dumpcheck --verify %s
// Not a finding: 'if (ctx == NULL) return STATUS_SUCCESS;' -- the path where the
// context pointer is NULL owns nothing.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

typedef struct _FLT_CONTEXT {
    ULONG Writes;
} FLT_CONTEXT, *PFLT_CONTEXT;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;

    if (ctx == NULL)
        return STATUS_SUCCESS;
    ExFreePoolWithTag(ctx, FLT_TAG);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PFLT_CONTEXT ctx;

    UNREFERENCED_PARAMETER(DriverObject);
    ctx = (PFLT_CONTEXT)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(FLT_CONTEXT), FLT_TAG);
    if (ctx == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    RtlZeroMemory(ctx, sizeof(FLT_CONTEXT));
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpData = ctx;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
