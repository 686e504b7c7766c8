/* The block sets EDGE_MODE, and mode.h changes it: not shareable. */
#define EDGE_MODE 1
#include "edge.h"
#include "mode.h"

ULONG EdgeMode2(void) { return EDGE_MODE + 2; }
