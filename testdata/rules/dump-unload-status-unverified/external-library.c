// RUN: %dumpcheck --verify %s
// A routine of another library, declared but not defined in the analysed
// sources, provides the status: unverified, a note naming the routine.

#include <ntddk.h>
#include <ntdddump.h>

NTSTATUS CryptoEngineShutdown(PVOID Context);

static PVOID g_Engine;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    status = CryptoEngineShutdown(g_Engine);
    return status; // expected-note{{CryptoEngineShutdown}}
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
