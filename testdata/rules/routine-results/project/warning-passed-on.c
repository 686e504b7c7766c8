// RUN: %dumpcheck --verify %s
// FltLibFlush (a library outside the analysed sources) is documented in the
// .dumpcheck.yaml next to this file to return STATUS_SUCCESS,
// STATUS_BUFFER_OVERFLOW (a warning) or an error. `if (!NT_SUCCESS(s))
// return s;` passes the warning on: a definite finding, not a note.
// FltLibClose returns STATUS_SUCCESS or an error: passing it on is fine, and
// so is passing FltLibFlush's status on after NT_ERROR.

#include <ntddk.h>
#include <ntdddump.h>

NTSTATUS FltLibFlush(PVOID Engine);
NTSTATUS FltLibClose(PVOID Engine);

static PVOID g_Engine;
static ULONG g_Mode;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Mode == 1) {
        status = FltLibFlush(g_Engine);
        if (NT_ERROR(status))
            return status;
        return FltLibClose(g_Engine);
    }
    status = FltLibFlush(g_Engine);
    if (!NT_SUCCESS(status))
        return status; // expected-warning{{Dump_Unload 'FltDumpUnload' returns STATUS_BUFFER_OVERFLOW (0x80000005) on this path: a warning status; it must return STATUS_SUCCESS or an error status of ntstatus.h [dump-unload-status]}}
    return FltLibClose(g_Engine);
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
