// RUN: %dumpcheck --verify %s
// __try/__finally where the __finally releases nothing and the __try returns
// early: the leak is reported at the return inside the __try (the path that ends
// there).

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'tlFD'

static PVOID g_Buffer;
static ULONG g_Busy;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    __try {
        if (g_Busy)
            return STATUS_DEVICE_NOT_READY; // expected-warning{{'g_Buffer'}}
        if (g_Buffer != NULL)
            ExFreePoolWithTag(g_Buffer, FLT_TAG);
    } __finally {
        g_Busy = 0;
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
