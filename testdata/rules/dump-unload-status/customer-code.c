// RUN: %dumpcheck --verify %s
// Dump_Unload returns a customer-defined code (0xE0000001, customer bit set):
// an error by its severity bits, but no status of ntstatus.h. The value goes
// through a project macro and a cast.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_STATUS_NOT_READY ((NTSTATUS)0xE0000001L)

static ULONG g_Ready;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (!g_Ready)
        return FLT_STATUS_NOT_READY; // expected-warning{{[dump-unload-status]}}
    return STATUS_SUCCESS;
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
