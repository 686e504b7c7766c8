// RUN: %dumpcheck --verify %s
// A helper of the analysed code returns STATUS_PENDING and Dump_Unload hands
// its result on: the finding is at Dump_Unload's return, with a note in the helper.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Queued;

static NTSTATUS FltDrainQueue(VOID)
{
    if (g_Queued != 0)
        return STATUS_PENDING;
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    status = FltDrainQueue();
    return status; // expected-warning{{[dump-unload-status]}}
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

// The finding stays on Dump_Unload's return; a note points at the helper's
// return that produced the value.
// RUN: not %dumpcheck %s 2>&1 | FileCheck %s
// CHECK: helper-pending.c:23:5: warning: {{.*}}STATUS_PENDING{{.*}}[dump-unload-status]
// CHECK: helper-pending.c:13:{{[0-9]+}}: note:
