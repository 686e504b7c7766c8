// RUN: %dumpcheck --verify %s
// A Dump_Start with an extra parameter, hidden by a cast: the system passes one
// argument, the function reads two.

#include <ntddk.h>
#include <ntdddump.h>

static NTSTATUS FltDumpStart(PFILTER_EXTENSION Ext, ULONG Flags)
{
    UNREFERENCED_PARAMETER(Ext);
    UNREFERENCED_PARAMETER(Flags);
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION Ext)
{
    UNREFERENCED_PARAMETER(Ext);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpStart = (PDUMP_START)FltDumpStart; // expected-warning{{[dump-callback-signature]}}
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
