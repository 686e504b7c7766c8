/*
 * Start: the same includes as entry.c but a different comment above them,
 * and an include after the first declaration (not part of the shared block).
 */
#define EDGE_TAG 'yrtE'   /* changes the header's default */
#include "edge.h"
#include "once.h"

typedef int EDGE_INT_START;
#include "noguard.h"

static ULONG EdgeLocal = 4;

#include "once.h"

NTSTATUS
EdgeDumpStart(PFILTER_EXTENSION FilterExtension)
{
    PEDGE_CONTEXT ctx = (PEDGE_CONTEXT)FilterExtension->DumpData;
    if (ctx == NULL)
        return STATUS_SUCCESS;
    ctx->Mdl = IoAllocateMdl(NULL, PAGE_SIZE, FALSE, FALSE, NULL);
    EdgeUndeclaredHelper(ctx);   /* implicit declaration (a warning only) */
    ctx->Count += EdgeLocal + EdgeNext();
    return STATUS_SUCCESS;
}
