// RUN: %dumpcheck --verify %s
// A Cleanup() helper frees the MDL and leaves the pointer as it was; the unload
// frees it again. Finding at the second release, note at the first (in the helper).

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'pmDf'

static PVOID g_Buffer;
static PMDL g_Mdl;

static VOID Cleanup(VOID)
{
    if (g_Mdl != NULL)
        IoFreeMdl(g_Mdl);
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    Cleanup();
    if (g_Mdl != NULL)
        IoFreeMdl(g_Mdl); // expected-warning{{[dump-double-release]}}
    ExFreePoolWithTag(g_Buffer, FLT_TAG);
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

// RUN: not %dumpcheck %s 2>&1 | FileCheck %s
// CHECK: through-helper.c:24:9: warning: {{.*}}[dump-double-release]
// CHECK: through-helper.c:16:9: note: first released here
