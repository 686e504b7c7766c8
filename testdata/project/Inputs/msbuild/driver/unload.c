#include "flt.h"

/* Every argument the project gives in Release|x64 is needed for the clean
   path: a define of the configuration's property group, one of an imported
   property sheet (removed again by UndefinePreprocessorDefinitions), this
   file's own override, and the forced include. In Debug|x64 the
   configuration's define is missing, and the unload returns STATUS_PENDING. */
NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
#if defined(FLT_RELEASE) && defined(FLT_UNLOAD_OVERRIDE) && defined(FLT_FORCED) && \
    !defined(FLT_UNDEFINED_BY_PROJECT) && FLT_SHARED_SEEN
    return STATUS_SUCCESS;
#else
    return STATUS_PENDING;
#endif
}
