// RUN: %dumpcheck --verify %s
// A logging helper called from the entry point and from Dump_Unload opens a
// file into a local handle and loses it on one path (it forgets ZwClose when
// the write fails). The handle is never kept for the dump stack: it is
// acquired and lost inside one call, in the entry point as in Dump_Unload,
// so it is outside dump-unload-leak. The context the entry point keeps is
// still owed to the unload and released there.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

typedef struct _FLT_CONTEXT {
    PVOID Buffer;
    ULONG Writes;
} FLT_CONTEXT, *PFLT_CONTEXT;

static VOID FltLog(PCWSTR Path, PVOID Data, ULONG Length)
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
        return;
    status = ZwWriteFile(file, NULL, NULL, NULL, &iosb, Data, Length, NULL, NULL);
    if (!NT_SUCCESS(status))
        return;
    ZwClose(file);
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    PFLT_CONTEXT ctx = (PFLT_CONTEXT)FilterExtension->DumpData;

    FltLog(L"\\SystemRoot\\dumpflt.log", &ctx->Writes, sizeof(ctx->Writes));
    ExFreePoolWithTag(ctx->Buffer, FLT_TAG);
    ExFreePoolWithTag(ctx, FLT_TAG);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PFLT_CONTEXT ctx;

    UNREFERENCED_PARAMETER(DriverObject);
    FltLog(L"\\SystemRoot\\dumpflt.log", L"load", 8);
    ctx = (PFLT_CONTEXT)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*ctx), FLT_TAG);
    if (ctx == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    ctx->Writes = 0;
    ctx->Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    if (ctx->Buffer == NULL) {
        ExFreePoolWithTag(ctx, FLT_TAG);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpData = ctx;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
