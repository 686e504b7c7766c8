// RUN: %dumpcheck --verify %s
// Not a finding (not even unverified): the status comes from an indirect call,
// but every value other than STATUS_SUCCESS ends in KeBugCheckEx, which never
// returns, so the return sees exactly STATUS_SUCCESS.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

typedef NTSTATUS (*FLT_SHUTDOWN_ROUTINE)(PVOID Context);

static FLT_SHUTDOWN_ROUTINE g_Shutdown;
static PVOID g_ShutdownContext;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS st;

    UNREFERENCED_PARAMETER(FilterExtension);
    st = g_Shutdown(g_ShutdownContext);
    if (st != STATUS_SUCCESS)
        KeBugCheckEx(0xDEAD0001, (ULONG_PTR)st, 0, 0, 0);
    return st;
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
