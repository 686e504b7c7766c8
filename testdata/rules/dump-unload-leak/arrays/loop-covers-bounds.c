// RUN: %dumpcheck --verify %s
// A counting loop whose index covers the array's bounds releases every
// element it visits: RTL_NUMBER_OF, sizeof a / sizeof a[0], a constant.
// A loop that stops short leaves the elements past its bound owed.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'rAlF'
#define FLT_STAGING 3

typedef struct _FLT_CTX {
    PVOID Staging[FLT_STAGING];
    PVOID Extra[4];
    PMDL Mdls[2];
    PVOID Short[4];
} FLT_CTX, *PFLT_CTX;

static FLT_CTX g_Ctx;

static NTSTATUS FltStart(PFILTER_EXTENSION F)
{
    PFLT_CTX c = (PFLT_CTX)F->DumpData;
    c->Staging[0] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    c->Staging[1] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    c->Staging[2] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    c->Extra[0] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    c->Extra[3] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    c->Mdls[0] = IoAllocateMdl(c->Staging[0], PAGE_SIZE, FALSE, FALSE, NULL);
    c->Mdls[1] = IoAllocateMdl(c->Staging[1], PAGE_SIZE, FALSE, FALSE, NULL);
    c->Short[0] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    c->Short[1] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    c->Short[2] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    return STATUS_SUCCESS;
}

static NTSTATUS FltUnload(PFILTER_EXTENSION F)
{
    PFLT_CTX c = (PFLT_CTX)F->DumpData;
    ULONG i;

    for (i = 0; i < RTL_NUMBER_OF(c->Staging); i++) {
        if (c->Staging[i] != NULL) {
            ExFreePoolWithTag(c->Staging[i], FLT_TAG);
            c->Staging[i] = NULL;
        }
    }
    for (i = 0; i < sizeof c->Extra / sizeof c->Extra[0]; ++i) {
        PVOID p = c->Extra[i];
        if (p == NULL)
            continue;
        ExFreePoolWithTag(p, FLT_TAG);
    }
    i = 0;
    while (i < 2) {
        if (c->Mdls[i])
            IoFreeMdl(c->Mdls[i]);
        i++;
    }
    for (i = 0; i < 2; i++)
        if (c->Short[i])
            ExFreePoolWithTag(c->Short[i], FLT_TAG);
    return STATUS_SUCCESS; // expected-warning{{pool memory 'c->Short[2]' acquired by ExAllocatePoolWithTag in Dump_Start is not released on this path}}
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
