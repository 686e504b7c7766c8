// RUN: %dumpcheck --verify %s
// switch without default: a value that matches no case skips every
// assignment, so the status is returned uninitialised on that path.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Mode;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    switch (g_Mode) {
    case 0:
        status = STATUS_SUCCESS;
        break;
    case 1:
        status = STATUS_UNSUCCESSFUL;
        break;
    }
    return status; // expected-warning{{[dump-unload-status]}}
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
