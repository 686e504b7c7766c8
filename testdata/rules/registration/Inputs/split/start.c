#include "filter.h"

NTSTATUS SplitDumpStart(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    g_SplitBuffer = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, SPLIT_TAG);
    return g_SplitBuffer != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}
