// RUN: %dumpcheck --verify %s
// Constant indices are distinct locations: each element acquired in Dump_Start
// is owed on its own, so releasing the others does not hide the one left.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'rAlF'

typedef struct _FLT_CTX {
    PVOID Parts[4];
    PMDL Mdls[2];
} FLT_CTX, *PFLT_CTX;

static FLT_CTX g_Ctx;

static NTSTATUS FltStart(PFILTER_EXTENSION F)
{
    PFLT_CTX c = (PFLT_CTX)F->DumpData;
    c->Parts[0] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    c->Parts[1] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    c->Parts[2] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    c->Parts[3] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    c->Mdls[0] = IoAllocateMdl(c->Parts[0], PAGE_SIZE, FALSE, FALSE, NULL);
    c->Mdls[1] = IoAllocateMdl(c->Parts[1], PAGE_SIZE, FALSE, FALSE, NULL);
    return STATUS_SUCCESS;
}

static VOID FreePart(PVOID *Slot)
{
    if (*Slot != NULL) {
        ExFreePoolWithTag(*Slot, FLT_TAG);
        *Slot = NULL;
    }
}

static NTSTATUS FltUnload(PFILTER_EXTENSION F)
{
    PFLT_CTX c = (PFLT_CTX)F->DumpData;
    if (c->Mdls[1] != NULL)
        IoFreeMdl(c->Mdls[1]);
    if (c->Mdls[0] != NULL)
        IoFreeMdl(c->Mdls[0]);
    FreePart(&c->Parts[0]);
    FreePart(&c->Parts[3]);
    if (c->Parts[1] != NULL)
        ExFreePoolWithTag(c->Parts[1], FLT_TAG);
    return STATUS_SUCCESS; // expected-warning{{pool memory 'c->Parts[2]' acquired by ExAllocatePoolWithTag in Dump_Start is not released on this path}}
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
