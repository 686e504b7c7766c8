// RUN: %dumpcheck --verify %s
// Not a finding: __try with __leave sets the status on every path before the
// __finally block and the return.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static PVOID g_Buffer;
static ULONG g_Flags;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status = STATUS_UNSUCCESSFUL;

    UNREFERENCED_PARAMETER(FilterExtension);
    __try {
        if (g_Flags & 1) {
            status = STATUS_INVALID_DEVICE_STATE;
            __leave;
        }
        g_Flags = 0;
        status = STATUS_SUCCESS;
    } __finally {
        g_Buffer = NULL;
    }
    return status;
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
