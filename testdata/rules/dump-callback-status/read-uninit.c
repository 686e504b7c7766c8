// RUN: %dumpcheck --verify %s
// Dump_Read returns a status variable that is uninitialised on the path where
// the read is empty.

#include <ntddk.h>
#include <ntdddump.h>

static NTSTATUS FltDumpRead(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    UNREFERENCED_PARAMETER(DiskByteOffset);
    if (MmGetMdlByteCount(Mdl) != 0)
        status = STATUS_SUCCESS;
    return status; // expected-warning{{[dump-callback-status]}}
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->Flags |= DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ;
    init->DumpRead = FltDumpRead;
    return STATUS_SUCCESS;
}
