// RUN: %dumpcheck --verify %s
// Not a finding: IoGetDeviceObjectPointer references the file object only;
// the unload dereferences the file object, and the device object is not owed.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static PFILE_OBJECT g_VolumeFile;
static PDEVICE_OBJECT g_VolumeDevice;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_VolumeFile != NULL) {
        ObDereferenceObject(g_VolumeFile);
        g_VolumeFile = NULL;
    }
    g_VolumeDevice = NULL;
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    UNICODE_STRING name;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(DriverObject);
    RtlInitUnicodeString(&name, L"\\Device\\FltControl");
    status = IoGetDeviceObjectPointer(&name, FILE_READ_DATA, &g_VolumeFile, &g_VolumeDevice);
    if (!NT_SUCCESS(status))
        return status;
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
