// RUN: %dumpcheck --verify %s
// Not a finding: a function of the Dump_Write type that is not registered (and
// not static: it may be registered elsewhere) is not a callback; its STATUS_PENDING
// is nobody's contract.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

NTSTATUS FltUnusedWrite(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    UNREFERENCED_PARAMETER(DiskByteOffset);
    UNREFERENCED_PARAMETER(Mdl);
    return STATUS_PENDING;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
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
