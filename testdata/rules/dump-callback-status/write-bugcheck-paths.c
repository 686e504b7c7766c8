// RUN: %dumpcheck --verify %s
// Not a finding: Dump_Write's error exits are KeBugCheckEx calls; only
// STATUS_SUCCESS is returned.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static ULONG g_MaxBytes;

static NTSTATUS FltDumpWrite(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    PVOID va;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (MmGetMdlByteCount(Mdl) > g_MaxBytes)
        KeBugCheckEx(0xDEAD0001, MmGetMdlByteCount(Mdl), (ULONG_PTR)DiskByteOffset->QuadPart, 0, 0);
    va = MmGetSystemAddressForMdlSafe(Mdl, HighPagePriority);
    if (va == NULL)
        KeBugCheckEx(0xDEAD0002, (ULONG_PTR)Mdl, 0, 0, 0);
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
