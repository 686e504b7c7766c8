// RUN: %dumpcheck --verify %s
// Dump_Write returns a customer-defined code (0xE…).

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_STATUS_KEY_MISSING ((NTSTATUS)0xE0010002L)

static PVOID g_Key;

static NTSTATUS FltDumpWrite(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    UNREFERENCED_PARAMETER(DiskByteOffset);
    UNREFERENCED_PARAMETER(Mdl);
    if (g_Key == NULL)
        return FLT_STATUS_KEY_MISSING; // expected-warning{{[dump-callback-status]}}
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpWrite = FltDumpWrite;
    return STATUS_SUCCESS;
}
