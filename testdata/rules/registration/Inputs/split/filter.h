/* Shared declarations of the split filter (entry.c, callbacks.c, unload.c). */
#include <ntddk.h>
#include <ntdddump.h>

#define SPLIT_TAG 'lpSD'

extern PVOID g_SplitBuffer;

DUMP_START  SplitDumpStart;
DUMP_UNLOAD SplitDumpUnload;
