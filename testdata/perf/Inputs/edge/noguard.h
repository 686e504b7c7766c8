/* No include guard and no #pragma once: included once per file. */
typedef struct _EDGE_PAIR { ULONG A, B; } EDGE_PAIR;
static ULONG EdgePairSum(EDGE_PAIR p) { return p.A + p.B; }
