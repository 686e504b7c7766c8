#include <ntddk.h>
#include <ntdddump.h>
#include <wdk_common.h>

NTSTATUS WdkHelperStatus(void);

/* The status comes from the library's helper (lib/helper.c): clean when
   the library joins the driver, unverified when it does not. */
NTSTATUS WdkDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
#if defined(RIGHT_BRANCH) && WDK_SLASH_FORM == 2 && !defined(WDK_REMOVED)
    return WdkHelperStatus();
#else
    return STATUS_PENDING;
#endif
}
