#include <ntddk.h>
#include <wdk_common.h>

NTSTATUS WdkHelperStatus(void)
{
    return STATUS_SUCCESS;
}
