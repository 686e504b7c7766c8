// RUN: %dumpcheck --verify %s
// No-return calls end a path: a path that ends in KeBugCheckEx leaks nothing and
// returns nothing, so neither the missing release nor the missing return value is
// reported. The other path is checked as usual.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'tlFD'

static PVOID g_Buffer;
static ULONG g_Corrupt;

#pragma clang diagnostic ignored "-Wreturn-type"
static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Corrupt)
        KeBugCheckEx(0xDEAD0005, (ULONG_PTR)g_Buffer, 0, 0, 0);
    else if (g_Buffer == NULL)
        return STATUS_PENDING; // expected-warning{{[dump-unload-status]}}
    else
        ExFreePoolWithTag(g_Buffer, FLT_TAG);
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
