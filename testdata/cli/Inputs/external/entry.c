#include <ntddk.h>
#include <ntdddump.h>

DUMP_UNLOAD FltDumpUnload;
DUMP_START FltDumpStart;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpStart = FltDumpStart;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
