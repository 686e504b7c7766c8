#include "globs.h"

NTSTATUS GlobUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
#if GLOB_DEFINE && GLOB_FORCED && defined(ADDED) && !defined(REMOVE_ME)
    return STATUS_SUCCESS;
#else
    return STATUS_PENDING;
#endif
}
