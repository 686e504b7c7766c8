// An unguarded header in the block: not shareable.
#include "edge.h"
#include "noguard.h"

ULONG EdgeUnguarded1(EDGE_PAIR p) { return EdgePairSum(p) + 1; }
