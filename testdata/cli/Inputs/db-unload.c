#include "db.h"

NTSTATUS DbDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
#ifdef FLT_SEED
    return STATUS_PENDING;
#else
    return STATUS_SUCCESS;
#endif
}
