// RUN: %dumpcheck --verify %s
// The same buffer is freed through a saved copy of the pointer: an alias of
// the same access path.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'pmDf'

static PVOID g_Buffer;
static PMDL g_Mdl;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    PVOID saved = g_Buffer;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Mdl != NULL)
        IoFreeMdl(g_Mdl);
    if (g_Buffer != NULL) {
        ExFreePoolWithTag(g_Buffer, FLT_TAG);
        ExFreePoolWithTag(saved, FLT_TAG); // expected-warning{{[dump-double-release]}}
    }
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    if (g_Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    g_Mdl = IoAllocateMdl(g_Buffer, PAGE_SIZE, FALSE, FALSE, NULL);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
