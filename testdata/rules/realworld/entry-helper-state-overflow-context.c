// RUN: %dumpcheck --verify %s
// Same shape as entry-helper-state-overflow.c, with the write buffer kept in
// a context that the entry stores in FILTER_INITIALIZATION_DATA.DumpData (as
// newer disk-encryption filters do). Dump_Unload frees ctx->WriteBuf when it
// is non-NULL, then the context. Correct code; the false branch of the NULL
// test was reported as a leak because the inlined entry helper's exit states
// overflowed and the registering state was joined into a non-registering one.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

typedef struct _CTX { UCHAR *WriteBuf; } CTX;
static PDEVICE_OBJECT g_ControlDevice;

static NTSTATUS QueryOne(PCWSTR DeviceName)
{
    UNICODE_STRING name;
    PFILE_OBJECT file;
    PDEVICE_OBJECT device;
    NTSTATUS status;

    if (KeGetCurrentIrql() >= APC_LEVEL) {
        PIO_WORKITEM item = IoAllocateWorkItem(g_ControlDevice);
        if (item == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        IoFreeWorkItem(item);
        return STATUS_SUCCESS;
    }
    RtlInitUnicodeString(&name, DeviceName);
    status = IoGetDeviceObjectPointer(&name, FILE_READ_ATTRIBUTES, &file, &device);
    if (!NT_SUCCESS(status))
        return status;
    ObDereferenceObject(file);
    return STATUS_SUCCESS;
}

static NTSTATUS QueryTwo(PCWSTR DeviceName)
{
    UNICODE_STRING name;
    PFILE_OBJECT file;
    PDEVICE_OBJECT device;
    NTSTATUS status;

    if (KeGetCurrentIrql() >= APC_LEVEL) {
        PIO_WORKITEM item = IoAllocateWorkItem(g_ControlDevice);
        if (item == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        IoFreeWorkItem(item);
        return STATUS_SUCCESS;
    }
    RtlInitUnicodeString(&name, DeviceName);
    status = IoGetDeviceObjectPointer(&name, FILE_READ_ATTRIBUTES, &file, &device);
    if (!NT_SUCCESS(status))
        return status;
    ObDereferenceObject(file);
    return STATUS_SUCCESS;
}

static NTSTATUS QueryThree(PCWSTR DeviceName)
{
    UNICODE_STRING name;
    PFILE_OBJECT file;
    PDEVICE_OBJECT device;
    NTSTATUS status;

    if (KeGetCurrentIrql() >= APC_LEVEL) {
        PIO_WORKITEM item = IoAllocateWorkItem(g_ControlDevice);
        if (item == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        IoFreeWorkItem(item);
        return STATUS_SUCCESS;
    }
    RtlInitUnicodeString(&name, DeviceName);
    status = IoGetDeviceObjectPointer(&name, FILE_READ_ATTRIBUTES, &file, &device);
    if (!NT_SUCCESS(status))
        return status;
    ObDereferenceObject(file);
    return STATUS_SUCCESS;
}

static NTSTATUS FilterStart(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS;
}

static NTSTATUS FilterUnload(PFILTER_EXTENSION FilterExtension)
{
    CTX *ctx = (CTX *)FilterExtension->DumpData;
    if (ctx->WriteBuf) {
        MmFreeContiguousMemory(ctx->WriteBuf);
        ctx->WriteBuf = NULL;
    }
    ExFreePoolWithTag(ctx, 'xtcD');
    return STATUS_SUCCESS;
}

static NTSTATUS CryptDumpFilterEntry(PFILTER_EXTENSION FilterExtension, PFILTER_INITIALIZATION_DATA InitData)
{
    PHYSICAL_ADDRESS highest;
    NTSTATUS status;
    CTX *ctx;

    UNREFERENCED_PARAMETER(FilterExtension);
    status = QueryOne(L"\\Device\\CryptMain");
    if (!NT_SUCCESS(status))
        goto fail;
    status = QueryTwo(L"\\Device\\CryptConfig");
    if (!NT_SUCCESS(status))
        goto fail;
    status = QueryThree(L"\\Device\\CryptVolume");
    if (!NT_SUCCESS(status))
        goto fail;

    ctx = ExAllocatePoolWithTag(NonPagedPool, sizeof(CTX), 'xtcD');
    if (!ctx) { status = STATUS_INSUFFICIENT_RESOURCES; goto fail; }
    highest.QuadPart = 0x7FFFFFFFFFFLL;
    ctx->WriteBuf = MmAllocateContiguousMemory((SIZE_T)InitData->MaxPagesPerWrite * PAGE_SIZE, highest);
    if (!ctx->WriteBuf) {
        ExFreePoolWithTag(ctx, 'xtcD');
        status = STATUS_INSUFFICIENT_RESOURCES;
        goto fail;
    }
    InitData->DumpData = ctx;

    InitData->DumpStart = FilterStart;
    InitData->DumpUnload = FilterUnload;
    return STATUS_SUCCESS;

fail:
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    return CryptDumpFilterEntry((PFILTER_EXTENSION)DriverObject, (PFILTER_INITIALIZATION_DATA)RegistryPath);
}
