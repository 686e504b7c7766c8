/* Checked by ../../../include-dir-case-insensitive.c (second RUN line) */
#include "FLTdefs.h"

// expected-no-diagnostics

static PVOID g_Scratch;

static NTSTATUS FilterUnload(PFILTER_EXTENSION FilterExtension)
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
    g_Scratch = ExAllocatePoolWithTag(NonPagedPool, PAGE_SIZE, FLT_TAG);
    if (g_Scratch == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FilterUnload;
    return STATUS_SUCCESS;
}
