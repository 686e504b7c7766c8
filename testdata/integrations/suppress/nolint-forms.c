// NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/NOLINTEND on real findings, with
// rule globs, and entries of other tools. DEPENDS ON THE ANALYSIS RULES:
// each `return STATUS_PENDING` below is a dump-unload-status finding and,
// the context being still allocated there, a dump-unload-leak finding.
//
// RUN: %python %inputs/expect_exit.py 1 %dumpcheck %s --warn-unused-suppressions > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: < %t.out
#include <ntddk.h>
#include <ntdddump.h>

#define DEMO_TAG 'omeD'

typedef struct _DEMO_CONTEXT {
    ULONG Mode;
} DEMO_CONTEXT, *PDEMO_CONTEXT;

static NTSTATUS Dump_Unload(PFILTER_EXTENSION FilterExtension)
{
    PDEMO_CONTEXT ctx = (PDEMO_CONTEXT)FilterExtension->DumpData;
    switch (ctx->Mode) {
    case 1:
        // Only the status finding is suppressed.
        return STATUS_PENDING; // NOLINT(dump-unload-status)
// CHECK: nolint-forms.c:[[@LINE-1]]:9: warning: {{.*}} [dump-unload-leak]
    case 2:
        // NOLINTNEXTLINE(dump-unload-*)
        return STATUS_PENDING;
    case 3:
        return STATUS_PENDING; // NOLINT
    // NOLINTBEGIN(dump-unload-leak)
    case 4:
        return STATUS_PENDING;
// CHECK: nolint-forms.c:[[@LINE-1]]:9: warning: {{.*}} [dump-unload-status]
    // NOLINTEND(dump-unload-leak)
    case 5:
        // Another tool's entry suppresses none of dumpcheck's findings.
        return STATUS_PENDING; // NOLINT(bugprone-branch-clone)
// CHECK: nolint-forms.c:[[@LINE-1]]:9: warning: {{.*}} [dump-unload-leak]
// CHECK: nolint-forms.c:[[@LINE-2]]:9: warning: {{.*}} [dump-unload-status]
    case 6:
        return STATUS_PENDING; /* NOLINT(dump-unload-leak, dump-unload-status) */
    case 7:
        ctx->Mode = 0; // NOLINT(dump-double-release)
// CHECK: nolint-forms.c:[[@LINE-1]]:27: warning: NOL{{I}}NT(dump-double-release) suppresses no finding on this line [dumpcheck-suppression]
        break;
    }
    ExFreePoolWithTag(ctx, DEMO_TAG);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PDEMO_CONTEXT ctx;

    UNREFERENCED_PARAMETER(DriverObject);
    ctx = (PDEMO_CONTEXT)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(DEMO_CONTEXT), DEMO_TAG);
    if (ctx == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    RtlZeroMemory(ctx, sizeof(DEMO_CONTEXT));
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpData = ctx;
    init->DumpUnload = Dump_Unload;
    return STATUS_SUCCESS;
}
