// RUN: %dumpcheck --verify %s
// Elements acquired in a loop and released by a loop bounded by the number
// acquired (`i < Count`), or by the same constant; nested arrays and arrays of
// structures inside the context. A loop that never releases one kind of element
// leaves it owed.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'rAlF'
#define FLT_RINGS 4
#define FLT_LANES 2

typedef struct _FLT_RING {
    PMDL Mdl;
    PVOID Va;
    PVOID Lanes[FLT_LANES];
} FLT_RING;

typedef struct _FLT_CTX {
    PVOID Parts[8];
    ULONG Count;
    FLT_RING Rings[FLT_RINGS];
    PVOID Grid[2][3];
} FLT_CTX, *PFLT_CTX;

static FLT_CTX g_Ctx;

static NTSTATUS FltStart(PFILTER_EXTENSION F)
{
    PFLT_CTX c = (PFLT_CTX)F->DumpData;
    ULONG i, j;

    c->Count = 0;
    for (i = 0; i < RTL_NUMBER_OF(c->Parts); i++) {
        PVOID p = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
        if (p == NULL)
            break;
        c->Parts[i] = p;
        c->Count = i + 1;
    }
    for (i = 0; i < FLT_RINGS; i++) {
        c->Rings[i].Va = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
        if (c->Rings[i].Va == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        c->Rings[i].Mdl = IoAllocateMdl(c->Rings[i].Va, PAGE_SIZE, FALSE, FALSE, NULL);
        if (c->Rings[i].Mdl == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        for (j = 0; j < FLT_LANES; j++)
            c->Rings[i].Lanes[j] = ExAllocatePoolWithTag(NonPagedPoolNx, 64, FLT_TAG);
    }
    for (i = 0; i < 2; i++)
        for (j = 0; j < 3; j++)
            c->Grid[i][j] = ExAllocatePoolWithTag(NonPagedPoolNx, 64, FLT_TAG);
    return STATUS_SUCCESS;
}

static NTSTATUS FltUnload(PFILTER_EXTENSION F)
{
    PFLT_CTX c = (PFLT_CTX)F->DumpData;
    ULONG i, j;

    for (i = 0; i < c->Count; i++)
        ExFreePoolWithTag(c->Parts[i], FLT_TAG);
    for (i = 0; i < FLT_RINGS; i++) {
        if (c->Rings[i].Mdl != NULL)
            IoFreeMdl(c->Rings[i].Mdl);
        if (c->Rings[i].Va != NULL)
            ExFreePoolWithTag(c->Rings[i].Va, FLT_TAG);
    }
    for (i = 0; i < 2; i++)
        for (j = 0; j < 3; j++)
            if (c->Grid[i][j])
                ExFreePoolWithTag(c->Grid[i][j], FLT_TAG);
    return STATUS_SUCCESS; // expected-warning{{pool memory 'c->Rings[i].Lanes[j]' acquired by ExAllocatePoolWithTag in Dump_Start is not released on this path}}
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
