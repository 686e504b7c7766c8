// RUN: %dumpcheck --verify %s
// Not a finding: the helper returns only STATUS_SUCCESS or errors, and the
// unload filters with NT_SUCCESS before returning the status.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static PVOID g_Buffer;

static NTSTATUS FltFlush(VOID)
{
    if (g_Buffer == NULL)
        return STATUS_INVALID_DEVICE_STATE;
    if (((ULONG_PTR)g_Buffer & 0xF) != 0)
        return STATUS_DATATYPE_MISALIGNMENT_ERROR;
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    status = FltFlush();
    if (!NT_SUCCESS(status))
        return status;
    g_Buffer = NULL;
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
