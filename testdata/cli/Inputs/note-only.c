/* One note only: Dump_Unload returns the status of ZwFlushKey, whose results the rule pack does not document (line 11). */
#include <ntddk.h>
#include <ntdddump.h>

static HANDLE g_Log;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Log != NULL)
        return ZwFlushKey(g_Log);
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
