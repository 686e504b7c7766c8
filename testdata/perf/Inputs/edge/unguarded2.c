// An unguarded header in the block: not shareable.
#include "edge.h"
#include "noguard.h"

ULONG EdgeUnguarded2(EDGE_PAIR p) { return EdgePairSum(p) + 2; }
