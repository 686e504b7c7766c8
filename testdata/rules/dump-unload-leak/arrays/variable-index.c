// RUN: %dumpcheck --verify %s
// A variable index the analysis cannot bound is a summary: releasing
// Parts[Current] is not the release of every element (no element is then
// claimed either way: a note says where their tracking ends), and it is not a
// release of Parts[0] either, so freeing Parts[0] after it is no double release.
// A loop over ARRAYSIZE releases each element: a second release of one of them
// is found.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'rAlF'

typedef struct _FLT_CTX {
    PVOID Parts[3];
    ULONG Current;
    PVOID Bufs[2];
} FLT_CTX, *PFLT_CTX;

static FLT_CTX g_Ctx;

static NTSTATUS FltStart(PFILTER_EXTENSION F)
{
    PFLT_CTX c = (PFLT_CTX)F->DumpData;
    c->Parts[0] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    c->Parts[1] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    c->Parts[2] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    c->Bufs[0] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    c->Bufs[1] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    if (c->Bufs[0] == NULL || c->Bufs[1] == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    return STATUS_SUCCESS;
}

static NTSTATUS FltUnload(PFILTER_EXTENSION F)
{
    PFLT_CTX c = (PFLT_CTX)F->DumpData;
    ULONG i;

    ExFreePoolWithTag(c->Parts[c->Current], FLT_TAG); // expected-note{{stops tracking pool memory 'c->Parts[0]' here (released through an index that may not reach it)}} expected-note{{'c->Parts[1]'}} expected-note{{'c->Parts[2]'}}
    if (c->Parts[0] != NULL)
        ExFreePoolWithTag(c->Parts[0], FLT_TAG);
    for (i = 0; i < ARRAYSIZE(c->Bufs); i++)
        if (c->Bufs[i] != NULL)
            ExFreePoolWithTag(c->Bufs[i], FLT_TAG);
    if (c->Bufs[1] != NULL)
        ExFreePoolWithTag(c->Bufs[1], FLT_TAG); // expected-warning{{'c->Bufs[1]' is released twice on this path}}
    return STATUS_SUCCESS;
}

static NTSTATUS FltWrite(PFILTER_EXTENSION F, PLARGE_INTEGER O, PMDL M)
{
    UNREFERENCED_PARAMETER(F); UNREFERENCED_PARAMETER(O); UNREFERENCED_PARAMETER(M);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PFILTER_EXTENSION F, PFILTER_INITIALIZATION_DATA D)
{
    UNREFERENCED_PARAMETER(F);
    D->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    D->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    D->DumpStart = FltStart;
    D->DumpWrite = FltWrite;
    D->DumpUnload = FltUnload;
    D->DumpData = &g_Ctx;
    return STATUS_SUCCESS;
}
