// RUN: %dumpcheck --verify %s
// RUN: not %dumpcheck %s 2>&1 | FileCheck %s
// CHECK: pending.c:{{[0-9]+}}:9: warning: {{.*}}STATUS_PENDING{{.*}} [dump-unload-status]
// Dump_Unload returns STATUS_PENDING (0x103) on one path: a success code other
// than STATUS_SUCCESS.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Busy;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Busy != 0) {
        return STATUS_PENDING; // expected-warning{{[dump-unload-status]}}
    }
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
