// RUN: %dumpcheck --verify %s
// || short-circuit: 'if (g_Mdl == NULL || g_Busy) return ...;' -- the early
// return is taken both when the MDL is NULL (owns nothing) and when it is held but
// the filter is busy: a leak on the second only.

#include <ntddk.h>
#include <ntdddump.h>

static UCHAR g_Page[PAGE_SIZE];
static PMDL g_Mdl;
static ULONG g_Busy;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Mdl == NULL || g_Busy)
        return STATUS_SUCCESS; // expected-warning{{'g_Mdl'}}
    IoFreeMdl(g_Mdl);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Mdl = IoAllocateMdl(g_Page, PAGE_SIZE, FALSE, FALSE, NULL);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
