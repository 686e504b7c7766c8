// RUN: %dumpcheck --verify %s
// Must find: a helper of the entry point opens the log file into its own
// local and hands it back through an out-parameter; the entry point keeps it
// in the context it passes as DumpData. Acquired through helpers and kept for
// the dump stack, it is owed to Dump_Unload, which forgets it. A second
// handle, opened and closed inside the entry point, is not.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'tlFD'

typedef struct _FLT_CONTEXT {
    HANDLE Log;
    ULONG Writes;
} FLT_CONTEXT, *PFLT_CONTEXT;

static NTSTATUS FltOpen(PCWSTR Path, PHANDLE Out)
{
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES attributes;
    IO_STATUS_BLOCK iosb;
    HANDLE file;
    NTSTATUS status;

    RtlInitUnicodeString(&name, Path);
    InitializeObjectAttributes(&attributes, &name, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = ZwCreateFile(&file, FILE_APPEND_DATA | SYNCHRONIZE, &attributes, &iosb, NULL,
                          FILE_ATTRIBUTE_NORMAL, FILE_SHARE_READ, FILE_OPEN_IF,
                          FILE_SYNCHRONOUS_IO_NONALERT, NULL, 0);
    if (!NT_SUCCESS(status))
        return status;
    *Out = file;
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;

    ExFreePoolWithTag(ctx, FLT_TAG);
    return STATUS_SUCCESS; // expected-warning{{kernel handle 'ctx->Log' acquired by ZwCreateFile in the entry point is not released on this path of Dump_Unload 'FltDumpUnload' [dump-unload-leak]}}
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PFLT_CONTEXT ctx;
    HANDLE probe;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(DriverObject);
    status = FltOpen(L"\\SystemRoot\\probe.log", &probe);
    if (NT_SUCCESS(status))
        ZwClose(probe);
    ctx = (PFLT_CONTEXT)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*ctx), FLT_TAG);
    if (ctx == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = FltOpen(L"\\SystemRoot\\dumpflt.log", &ctx->Log);
    if (!NT_SUCCESS(status)) {
        ExFreePoolWithTag(ctx, FLT_TAG);
        return status;
    }
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpData = ctx;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
