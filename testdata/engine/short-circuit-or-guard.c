// RUN: %dumpcheck --verify %s
// || short-circuit, no finding: 'if (g_Mdl == NULL || !g_Busy)' as a guard --
// on the true side the MDL is NULL or freed below; the false side is held and
// busy, and frees it too.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static UCHAR g_Page[PAGE_SIZE];
static PMDL g_Mdl;
static ULONG g_Busy;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Mdl == NULL || !g_Busy) {
        if (g_Mdl != NULL)
            IoFreeMdl(g_Mdl);
        return STATUS_SUCCESS;
    }
    g_Busy = 0;
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
