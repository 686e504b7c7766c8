// RUN: %dumpcheck --verify %s
// __try/__finally with a return inside the __try: the __finally block runs on that
// exit too, so the release in it covers the early return. No finding.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

static PVOID g_Buffer;
static ULONG g_Busy;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    __try {
        if (g_Busy)
            return STATUS_DEVICE_NOT_READY;
        g_Busy = 1;
    } __finally {
        if (g_Buffer != NULL) {
            ExFreePoolWithTag(g_Buffer, FLT_TAG);
            g_Buffer = NULL;
        }
    }
    return STATUS_SUCCESS;
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
