#include "filter.h"

NTSTATUS SplitDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
#ifdef SPLIT_LEAK
    return STATUS_SUCCESS; // leak-warning{{'g_SplitBuffer' acquired by ExAllocatePoolWithTag in Dump_Start}}
#else
    if (g_SplitBuffer != NULL)
        ExFreePoolWithTag(g_SplitBuffer, SPLIT_TAG);
    return STATUS_SUCCESS;
#endif
}
