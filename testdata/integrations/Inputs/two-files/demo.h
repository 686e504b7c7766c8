/* A driver in two files: the entry point in entry.c, the callbacks in
 * unload.c. */
#include <ntddk.h>
#include <ntdddump.h>

#define DEMO_TAG 'omeD'

typedef struct _DEMO_CONTEXT {
    ULONG Writes;
} DEMO_CONTEXT, *PDEMO_CONTEXT;

NTSTATUS Demo_Start(PFILTER_EXTENSION FilterExtension);
NTSTATUS Demo_Unload(PFILTER_EXTENSION FilterExtension);
