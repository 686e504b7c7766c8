// RUN: %dumpcheck --verify %s
// Dump_Write falls off its closing brace on one path.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Writes;

#pragma clang diagnostic ignored "-Wreturn-type"
static NTSTATUS FltDumpWrite(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    UNREFERENCED_PARAMETER(DiskByteOffset);
    if (Mdl == NULL)
        return STATUS_INVALID_PARAMETER;
    g_Writes++;
} // expected-warning{{[dump-callback-status]}}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpWrite = FltDumpWrite;
    return STATUS_SUCCESS;
}
