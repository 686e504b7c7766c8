// Unload: same block again; a role typedef of its own after it.
#define EDGE_TAG 'yrtE'   /* changes the header's default */
#include "edge.h"
#include "once.h"

typedef int EDGE_INT_UNLOAD;
#include "noguard.h"
#if defined(SEED_EDGE_LEAK)
#define EDGE_SKIP_MDL 1
#endif

NTSTATUS
EdgeRelease(PEDGE_CONTEXT Ctx)
{
#if !defined(EDGE_SKIP_MDL)
    if (Ctx->Mdl != NULL)
        IoFreeMdl(Ctx->Mdl);
#endif
    ExFreePoolWithTag(Ctx, EDGE_TAG);
    return STATUS_SUCCESS;
}

NTSTATUS
EdgeDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    PEDGE_CONTEXT ctx = (PEDGE_CONTEXT)FilterExtension->DumpData;
    if (ctx == NULL)
        return STATUS_SUCCESS;
    switch (ctx->Count) {
    case 1: ctx->Count = 0; break;
    case 2: case 3: ctx->Count = 1;
    default: break;
    }
    return EdgeRelease(ctx);
}
