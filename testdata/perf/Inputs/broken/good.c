#include <ntddk.h>
#include <ntdddump.h>

ULONG BrokenGood(ULONG x) { return x + 1; }
