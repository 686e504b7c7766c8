/* Project header of the sharing/caching edge cases. */
#ifndef EDGE_H
#define EDGE_H

#include <ntddk.h>
#include <ntdddump.h>

#ifndef EDGE_TAG
#define EDGE_TAG 'egdE'
#endif

typedef struct _EDGE_CONTEXT {
    PVOID Buffer;
    PMDL Mdl;
    ULONG Count;
} EDGE_CONTEXT, *PEDGE_CONTEXT;

/* A global declared here, tentatively defined here, defined in a source. */
extern ULONG EdgeDeclared;
ULONG EdgeTentative;

/* A helper with a body and a static local in the header. */
static __inline ULONG EdgeNext(void)
{
    static ULONG counter;
    return ++counter;
}

DUMP_START EdgeDumpStart;
DUMP_UNLOAD EdgeDumpUnload;
NTSTATUS EdgeRelease(PEDGE_CONTEXT Ctx);

#endif
