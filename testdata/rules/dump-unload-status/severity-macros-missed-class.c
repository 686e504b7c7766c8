// RUN: %dumpcheck --verify %s
// Must find: the same helper, but the unload maps only the warnings: an
// informational status (NT_SUCCESS, not an error) and STATUS_PENDING reach
// the return.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Step;

static NTSTATUS FltStep(VOID)
{
    switch (g_Step) {
    case 0: return STATUS_SUCCESS;
    case 1: return STATUS_PENDING;
    case 2: return STATUS_OBJECT_NAME_EXISTS;
    case 3: return STATUS_BUFFER_OVERFLOW;
    default: return STATUS_DEVICE_NOT_READY;
    }
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    status = FltStep();
    if (NT_WARNING(status))
        return STATUS_UNSUCCESSFUL;
    return status; // expected-warning{{returns STATUS_PENDING (0x00000103) on this path: a success code other than STATUS_SUCCESS}} expected-warning{{returns STATUS_OBJECT_NAME_EXISTS (0x40000000) on this path: an informational status}}
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
