#include <ntddk.h>
#include <ntdddump.h>
DUMP_UNLOAD GlobUnload;
