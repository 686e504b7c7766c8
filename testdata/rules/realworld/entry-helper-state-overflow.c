// RUN: %dumpcheck --verify %s
// Shape of an encryption driver's dump filter: DriverEntry tail-calls a
// separate XxxDumpFilterEntry, which first queries the main driver through
// several I/O helpers (each takes and gives back a work item on one path and
// a file-object reference on the other) and only then allocates the write
// buffer. Dump_Unload frees the buffer when it is non-NULL.
//
// The code is correct: on the false branch of `if (g_WriteBuf)` there is
// nothing to free. The finding appeared because the helpers' released
// records (one per helper call site, each either released or NULL) all count
// as distinct properties, so the inlined entry helper's exit set overflows
// ENGINE_MAX_STATES and the registering state is joined "into the last"
// (non-registering) one; g_WriteBuf's value is then lost, and the NULL test
// in Dump_Unload no longer refines the buffer away. (With an explicit
// `= NULL` initialiser the join happens to keep NULL-or-buffer and the
// finding disappears; with one helper call instead of three it disappears
// too: the overflow is the cause.)

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static UCHAR *g_WriteBuf;      /* zero-initialised: no explicit = NULL */
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
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_WriteBuf) {
        MmFreeContiguousMemory(g_WriteBuf);
        g_WriteBuf = NULL;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS CryptDumpFilterEntry(PFILTER_EXTENSION FilterExtension, PFILTER_INITIALIZATION_DATA InitData)
{
    PHYSICAL_ADDRESS highest;
    NTSTATUS status;

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

    highest.QuadPart = 0x7FFFFFFFFFFLL;
    g_WriteBuf = MmAllocateContiguousMemory((SIZE_T)InitData->MaxPagesPerWrite * PAGE_SIZE, highest);
    if (!g_WriteBuf) {
        status = STATUS_INSUFFICIENT_RESOURCES;
        goto fail;
    }

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
