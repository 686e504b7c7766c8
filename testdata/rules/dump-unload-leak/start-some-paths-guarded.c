// RUN: %dumpcheck --verify %s
// Not a finding: the same conditional allocation, released by the unload
// behind a NULL test.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

static PVOID g_Scratch;

static NTSTATUS FltDumpStart(PFILTER_EXTENSION FilterExtension)
{
    if (FilterExtension->DumpType == DumpTypeHibernation) {
        g_Scratch = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
        if (g_Scratch == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Scratch != NULL) {
        ExFreePoolWithTag(g_Scratch, FLT_TAG);
        g_Scratch = NULL;
    }
    return STATUS_SUCCESS;
}

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
