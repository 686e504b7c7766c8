#include <ntddk.h>
#include <ntdddump.h>

ULONG BrokenBad(ULONG x) { return x + ; }
