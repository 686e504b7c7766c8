// RUN: %dumpcheck --verify %s
// `!NT_SUCCESS(s)` admits warnings and errors alike: only NT_ERROR means
// an error. A helper can return STATUS_BUFFER_OVERFLOW (a warning), an error
// or STATUS_SUCCESS; the unload passes a failure on after !NT_SUCCESS (a
// finding) on one path and after NT_ERROR (fine) on the other, where the
// warning is mapped to STATUS_SUCCESS.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Pending;
static ULONG g_Mode;

static NTSTATUS FltFlushLog(VOID)
{
    if (g_Pending > 64)
        return STATUS_BUFFER_OVERFLOW;
    if (g_Pending > 32)
        return STATUS_INSUFFICIENT_RESOURCES;
    g_Pending = 0;
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Mode == 1) {
        status = FltFlushLog();
        if (NT_ERROR(status))
            return status;
        return STATUS_SUCCESS;
    }
    status = FltFlushLog();
    if (!NT_SUCCESS(status))
        return status; // expected-warning{{Dump_Unload 'FltDumpUnload' returns STATUS_BUFFER_OVERFLOW (0x80000005) on this path: a warning status; it must return STATUS_SUCCESS or an error status of ntstatus.h [dump-unload-status]}}
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
