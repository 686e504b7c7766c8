// RUN: %dumpcheck --verify %s
// Dump_Read returns an informational status (STATUS_OBJECT_NAME_EXISTS).

#include <ntddk.h>
#include <ntdddump.h>

static NTSTATUS FltDumpRead(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    UNREFERENCED_PARAMETER(Mdl);
    if (DiskByteOffset->QuadPart == 0)
        return STATUS_OBJECT_NAME_EXISTS; // expected-warning{{[dump-callback-status]}}
    return STATUS_SUCCESS;
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
