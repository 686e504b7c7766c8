// RUN: %dumpcheck --verify %s
// No DumpUnload while Dump_Start acquires an MDL kept in a global: one
// dump-callback-missing finding at the entry point's return.

#include <ntddk.h>
#include <ntdddump.h>

static PMDL g_Mdl;
static UCHAR g_Page[PAGE_SIZE];

static NTSTATUS FltDumpStart(PFILTER_EXTENSION Ext)
{
    UNREFERENCED_PARAMETER(Ext);
    g_Mdl = IoAllocateMdl(g_Page, PAGE_SIZE, FALSE, FALSE, NULL);
    if (g_Mdl == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    MmBuildMdlForNonPagedPool(g_Mdl);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpStart = FltDumpStart;
    return STATUS_SUCCESS; // expected-warning{{[dump-callback-missing]}}
}
