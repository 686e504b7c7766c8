// RUN: %dumpcheck --verify %s
// RUN: not %dumpcheck %s 2>&1 | FileCheck %s
// The notes of a finding retrace its path: the acquisition, then each branch
// taken on the way to the return that ends the leaking path.
// CHECK: path-notes.c:23:9: warning: {{.*}}'g_Mdl'{{.*}}[dump-unload-leak]
// CHECK: path-notes.c:33:5: note: acquired here by IoAllocateMdl
// CHECK: path-notes.c:20:9: note: taking false branch
// CHECK: path-notes.c:22:9: note: taking true branch

#include <ntddk.h>
#include <ntdddump.h>

static UCHAR g_Page[PAGE_SIZE];
static PMDL g_Mdl;
static ULONG g_Hibernating;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Mdl == NULL)
        return STATUS_SUCCESS;
    if (g_Hibernating)
        return STATUS_SUCCESS; // expected-warning{{[dump-unload-leak]}}
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
