// RUN: %dumpcheck --verify %s
// __try/__finally with __leave: __leave jumps to the __finally block, which
// releases; the statements after __leave are skipped. No finding.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

static PVOID g_Buffer;
static ULONG g_Busy;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status = STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(FilterExtension);
    __try {
        if (g_Busy) {
            status = STATUS_DEVICE_NOT_READY;
            __leave;
        }
        status = STATUS_PENDING;
        status = STATUS_SUCCESS;
    } __finally {
        if (g_Buffer != NULL)
            ExFreePoolWithTag(g_Buffer, FLT_TAG);
    }
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
