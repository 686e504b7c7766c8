/* A file with a different block (no sharing partner) and no helper. */
#include <ntddk.h>

ULONG EdgeOther(ULONG x) { return x ? x - 1 : 0; }
