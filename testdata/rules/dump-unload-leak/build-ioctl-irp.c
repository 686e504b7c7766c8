// RUN: %dumpcheck --verify %s
// Not a finding: the entry point sends an IOCTL with an IRP built by
// IoBuildDeviceIoControlRequest; the I/O manager frees that IRP on completion, so
// nothing is owed to the unload.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static ULONG g_SectorSize;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_EXTENSION ext = (PFILTER_EXTENSION)DriverObject;
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    DISK_GEOMETRY geometry;
    IO_STATUS_BLOCK iosb;
    KEVENT event;
    PIRP irp;
    NTSTATUS status;

    KeInitializeEvent(&event, NotificationEvent, FALSE);
    irp = IoBuildDeviceIoControlRequest(IOCTL_DISK_GET_DRIVE_GEOMETRY, ext->DeviceObject, NULL, 0,
                                        &geometry, sizeof(geometry), FALSE, &event, &iosb);
    if (irp == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = IoCallDriver(ext->DeviceObject, irp);
    if (status == STATUS_PENDING) {
        KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
        status = iosb.Status;
    }
    if (!NT_SUCCESS(status))
        return status;
    g_SectorSize = geometry.BytesPerSector;

    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
