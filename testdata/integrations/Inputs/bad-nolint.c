/* A clean dump filter with two malformed suppression comments: each is a
 * dumpcheck-suppression finding, whatever the rules find. */
#include <ntddk.h>
#include <ntdddump.h>

#define DEMO_TAG 'omeD'

typedef struct _DEMO_CONTEXT {
    ULONG Writes;
} DEMO_CONTEXT, *PDEMO_CONTEXT;

static NTSTATUS Dump_Start(PFILTER_EXTENSION FilterExtension)
{
    PDEMO_CONTEXT ctx = (PDEMO_CONTEXT)FilterExtension->DumpData;
    ctx->Writes = 0; // NOLINT(dump-unload-lek)
    return STATUS_SUCCESS;
}

// NOLINTBEGIN(dump-unload-status)
static NTSTATUS Dump_Unload(PFILTER_EXTENSION FilterExtension)
{
    PDEMO_CONTEXT ctx = (PDEMO_CONTEXT)FilterExtension->DumpData;
    if (ctx != NULL) {
        ExFreePoolWithTag(ctx, DEMO_TAG);
    }
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
    init->DumpStart = Dump_Start;
    init->DumpUnload = Dump_Unload;
    return STATUS_SUCCESS;
}
