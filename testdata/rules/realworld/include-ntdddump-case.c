// RUN: %dumpcheck --verify %s
// Windows finds its headers in any case, and drivers spell them as they
// like: <NtDDK.h> from mingw-w64, and <NtDdDump.h>, which mingw-w64 lacks
// and the rule pack provides. Both must be found (this once ended with
// "'NtDdDump.h' file not found", exit status 2).
// expected-no-diagnostics

#include <NtDDK.h>
#include <NtDdDump.h>

static NTSTATUS CaseUnload(PFILTER_EXTENSION FilterExtension)
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
    init->DumpUnload = CaseUnload;
    return STATUS_SUCCESS;
}
