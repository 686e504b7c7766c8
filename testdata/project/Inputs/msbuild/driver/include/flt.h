#include <ntddk.h>
#include <ntdddump.h>
#include <flt_shared.h>

DUMP_UNLOAD FltDumpUnload;
