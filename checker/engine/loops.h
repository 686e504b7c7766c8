/* Counting loops: `for (i = 0; i < Bound; i++)` and its while/do forms.
 * Inside the body of such a loop, before the increment, an access
 * `a[i]` visits each element 0..Bound-1 in turn; the engine treats it as
 * an access to every one of them ("for all"), which is how a loop that
 * releases each element of an array is credited with releasing them all. */
#ifndef DUMPCHECK_LOOPS_H
#define DUMPCHECK_LOOPS_H

#include "../ir.h"

struct counting_loop {
    int local;                   /* the counter */
    const struct ir_expr *bound; /* visits 0 .. bound-1 */
    unsigned char *body;         /* blocks of the loop (header included) */
    int step_block, step_stmt;   /* the increment `i = i + 1` */
};

struct func_loops {
    struct counting_loop *v;
    int n;
};

struct func_loops *loops_find(const struct ir_func *f);
void loops_free(struct func_loops *L);
/* The counting loop whose counter is `local`, if the statement `stmt` of
 * block `block` is in its body and runs before the increment. */
const struct counting_loop *loops_counting_at(const struct func_loops *L, int local, int block, int stmt);

#endif
