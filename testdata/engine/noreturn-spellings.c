// RUN: %dumpcheck --verify %s
// ExRaiseStatus and the C11 _Noreturn / __attribute__((noreturn)) spellings end
// paths as well.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

_Noreturn void FltAbort(void);
void FltHalt(int code) __attribute__((noreturn));

static ULONG g_State;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_State == 1)
        ExRaiseStatus(STATUS_INVALID_DEVICE_STATE);
    if (g_State == 2)
        FltAbort();
    if (g_State == 3)
        FltHalt(3);
    if (g_State != 0)
        return STATUS_UNSUCCESSFUL;
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
