// RUN: %dumpcheck --verify %s
// RUN: not %dumpcheck %s | FileCheck %s
// Pending (round 2): the finding is right, its path is not. The helper frees
// the context only when it is not NULL; the unload then frees it again. The
// NULL path (the entry registers even if the allocation failed) and the
// released path are joined at the helper's exit, and the notes follow the
// NULL path ("assuming 'ctx' is NULL", "taking true branch") while the
// warning says the first release happened on the other branch. When a NULL
// state and a released state are joined, the explanation should follow the
// path that released. Seen on a VeraCrypt mutant (Cleanup() then TCfree()).

#include <ntddk.h>
#include <ntdddump.h>

typedef struct _TWICE_CONTEXT {
    PUCHAR Buffer;
} TWICE_CONTEXT, *PTWICE_CONTEXT;

static PTWICE_CONTEXT g_Twice;

static void TwiceTeardown(PTWICE_CONTEXT ctx)
{
    if (!ctx)
        return;
    ExFreePoolWithTag(ctx, 'ewTD');
}

static NTSTATUS TwiceUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    TwiceTeardown(g_Twice);
    ExFreePoolWithTag(g_Twice, 'ewTD'); // expected-warning{{'g_Twice' is released twice on this path}}
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Twice = (PTWICE_CONTEXT)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(TWICE_CONTEXT), 'ewTD');
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = TwiceUnload;
    return STATUS_SUCCESS;
}

// CHECK: warning: 'g_Twice' is released twice on this path
// CHECK: note: first released here by ExFreePoolWithTag
// CHECK-NOT: assuming 'ctx' is NULL
// CHECK: assuming 'ctx' is not NULL
// CHECK-NEXT: taking false branch
