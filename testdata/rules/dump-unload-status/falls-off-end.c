// RUN: %dumpcheck --verify %s
// A path of Dump_Unload falls off the closing brace: no value at all. The
// finding is on the closing brace.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Count;

#pragma clang diagnostic ignored "-Wreturn-type"
static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Count == 0)
        return STATUS_SUCCESS;
    g_Count = 0;
} // expected-warning{{[dump-unload-status]}}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}

// RUN: not %dumpcheck %s 2>&1 | FileCheck %s
// CHECK: falls-off-end.c:17:1: warning: {{.*}}[dump-unload-status]
