// RUN: %dumpcheck --verify %s
// Not a finding: Dump_Write returns the status of an external routine. The
// unverified rule is Dump_Unload's; the other callbacks get only definite
// violations (dump-callback-status), since passing on the port driver's or
// the system's status is their normal shape.

// expected-no-diagnostics

#include <ntddk.h>
#include <ntdddump.h>

NTSTATUS CryptoEncryptPages(PMDL Mdl, LONGLONG Offset);

static NTSTATUS FltDumpWrite(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return CryptoEncryptPages(Mdl, DiskByteOffset->QuadPart);
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
    init->DumpWrite = FltDumpWrite;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
