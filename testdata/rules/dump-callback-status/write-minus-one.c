// RUN: %dumpcheck --verify %s
// Dump_Write returns -1 when the request is too large.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_MaxBytes;

static NTSTATUS FltDumpWrite(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    UNREFERENCED_PARAMETER(DiskByteOffset);
    if (MmGetMdlByteCount(Mdl) > g_MaxBytes)
        return -1; // expected-warning{{[dump-callback-status]}}
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
