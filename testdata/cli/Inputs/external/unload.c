#include <ntddk.h>
#include <ntdddump.h>
#include "notify.h"

NTSTATUS FltDumpStart(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS;
}

NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status = PartnerDriverNotifyUnload(FilterExtension->DumpData);
    return NT_SUCCESS(status) ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}
