#include <ntddk.h>
#include <ntdddump.h>
#include "fltdump_private.h"

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_PENDING;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    UNREFERENCED_PARAMETER(DriverObject);
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
