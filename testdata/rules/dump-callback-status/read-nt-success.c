// RUN: %dumpcheck --verify %s
// Not a finding: Dump_Read returns a helper's status only when it is an error
// (the helper returns STATUS_SUCCESS or errors).

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static ULONG g_SectorSize = 512;

static NTSTATUS FltCheckRange(LONGLONG Offset, ULONG Length)
{
    if ((Offset % g_SectorSize) != 0)
        return STATUS_DATATYPE_MISALIGNMENT_ERROR;
    if ((Length % g_SectorSize) != 0)
        return STATUS_INVALID_PARAMETER;
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpRead(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    status = FltCheckRange(DiskByteOffset->QuadPart, MmGetMdlByteCount(Mdl));
    if (!NT_SUCCESS(status))
        return status;
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
