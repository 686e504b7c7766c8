#include "demo.h"

NTSTATUS Demo_Start(PFILTER_EXTENSION FilterExtension)
{
    PDEMO_CONTEXT ctx = (PDEMO_CONTEXT)FilterExtension->DumpData;
    ctx->Writes = 0; // NOLINT(dump-start-typo)
    return STATUS_SUCCESS;
}

NTSTATUS Demo_Unload(PFILTER_EXTENSION FilterExtension)
{
    PDEMO_CONTEXT ctx = (PDEMO_CONTEXT)FilterExtension->DumpData;
    if (ctx != NULL) {
        ExFreePoolWithTag(ctx, DEMO_TAG);
    }
    return STATUS_SUCCESS;
}
