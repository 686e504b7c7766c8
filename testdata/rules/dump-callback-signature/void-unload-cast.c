// RUN: %dumpcheck --verify %s
// A VOID unload registered through a (PDUMP_UNLOAD) cast: one
// dump-callback-signature finding at the registration, and no status finding on
// top (its missing return value is the same root cause).

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'tlFD'

static PVOID g_Buffer;

VOID FltLegacyUnload(PFILTER_EXTENSION Ext)
{
    UNREFERENCED_PARAMETER(Ext);
    if (g_Buffer != NULL)
        ExFreePoolWithTag(g_Buffer, FLT_TAG);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = (PDUMP_UNLOAD)FltLegacyUnload; // expected-warning{{[dump-callback-signature]}}
    return STATUS_SUCCESS;
}
