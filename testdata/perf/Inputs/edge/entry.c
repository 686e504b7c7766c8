// Entry point: a #define before the includes; an unguarded header after them.

#define EDGE_TAG 'yrtE'   /* changes the header's default */
#include "edge.h"
#include "once.h"

typedef int EDGE_INT_ENTRY;
#include "noguard.h"

ULONG EdgeDeclared = EDGE_ONCE_VALUE;

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PEDGE_CONTEXT ctx;
    EDGE_PAIR p = {1, 2};

    UNREFERENCED_PARAMETER(DriverObject);
    ctx = (PEDGE_CONTEXT)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(EDGE_CONTEXT), EDGE_TAG);
    if (ctx == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    ctx->Count = EdgePairSum(p) + EdgeNext();
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->DumpData = ctx;
    init->DumpStart = EdgeDumpStart;
    init->DumpUnload = EdgeDumpUnload;
    return STATUS_SUCCESS;
}
