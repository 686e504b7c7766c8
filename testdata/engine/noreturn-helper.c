// RUN: %dumpcheck --verify %s
// A static helper of the analysed code whose every path ends in KeBugCheckEx
// never returns either: the path through it ends.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

static PVOID g_Buffer;
static ULONG g_Corrupt;

static VOID FltFatal(ULONG Code)
{
    KeBugCheckEx(0xDEAD0000 | Code, 0, 0, 0, 0);
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Corrupt)
        FltFatal(6);
    else
        status = STATUS_SUCCESS;
    if (g_Buffer != NULL)
        ExFreePoolWithTag(g_Buffer, FLT_TAG);
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
