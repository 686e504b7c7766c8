// RUN: %dumpcheck --verify %s
// Not a finding: ExFreePool of a buffer the system allocated
// (IoGetDeviceInterfaces' symbolic-link list): it is no resource of the filter's
// families, so freeing it is neither a mismatch nor a double release, and nothing
// is owed to the unload.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static ULONG g_HaveInterface;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS;
}

static const GUID FltInterfaceGuid = {0x6b0e3c1a, 0x2f4d, 0x4c55, {0x9a, 0x10, 0x42, 0x7e, 0x11, 0x3b, 0x5d, 0x01}};

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PWSTR links = NULL;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(DriverObject);
    status = IoGetDeviceInterfaces(&FltInterfaceGuid, NULL, 0, &links);
    if (NT_SUCCESS(status)) {
        g_HaveInterface = (links[0] != L'\0');
        ExFreePool(links);
    }
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
