// RUN: %dumpcheck --verify %s
// A recursive helper is not followed into again (that would never end); its
// bottom-up summary (what it returns on any path, computed once from its
// body) answers the call instead. The summary includes STATUS_PENDING.

#include <ntddk.h>
#include <ntdddump.h>

static NTSTATUS FltDrain(ULONG Depth)
{
    if (Depth == 0)
        return STATUS_PENDING;
    if (Depth > 8)
        return STATUS_INVALID_PARAMETER;
    return FltDrain(Depth - 1);
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return FltDrain(3); // expected-warning{{returns STATUS_PENDING (0x00000103) on this path}}
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA data = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    UNREFERENCED_PARAMETER(DriverObject);
    data->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
