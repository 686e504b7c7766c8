/* Counting loops (see loops.h): natural loops found from the CFG's back
 * edges, kept when the header tests `i < Bound` (or `i != Bound`), the body
 * assigns `i` only by one `i = i + 1` in a block that goes straight back to
 * the header, every way into the loop sets `i = 0`, and nothing in the body
 * assigns the bound. */
#include "loops.h"

#include <stdlib.h>
#include <string.h>

struct cfg {
    int n;
    int **pred;
    int *npred;
};

static int succs(const struct ir_block *b, int *out, int max)
{
    int n = 0;
    const struct ir_term *t = &b->term;
    if (t->kind == T_GOTO || t->kind == T_BRANCH || t->kind == T_SWITCH)
        if (t->succ[0] >= 0 && n < max)
            out[n++] = t->succ[0];
    if (t->kind == T_BRANCH && t->succ[1] >= 0 && n < max)
        out[n++] = t->succ[1];
    if (t->kind == T_SWITCH)
        for (int i = 0; i < t->ncases && n < max; i++)
            if (t->case_succ[i] >= 0)
                out[n++] = t->case_succ[i];
    return n;
}

static int nsuccs_max(const struct ir_func *f)
{
    int m = 2;
    for (int b = 0; b < f->nblocks; b++)
        if (f->blocks[b].term.kind == T_SWITCH && f->blocks[b].term.ncases + 1 > m)
            m = f->blocks[b].term.ncases + 1;
    return m;
}

static void cfg_build(const struct ir_func *f, struct cfg *g)
{
    g->n = f->nblocks;
    g->pred = xcalloc((size_t)g->n, sizeof(int *));
    g->npred = xcalloc((size_t)g->n, sizeof(int));
    int max = nsuccs_max(f);
    int *s = xmalloc(sizeof(int) * (size_t)max);
    int *cap = xcalloc((size_t)g->n, sizeof(int));
    for (int b = 0; b < g->n; b++) {
        int k = succs(&f->blocks[b], s, max);
        for (int i = 0; i < k; i++) {
            int d = s[i];
            if (d >= g->n)
                continue;
            if (g->npred[d] == cap[d]) {
                cap[d] = cap[d] ? cap[d] * 2 : 2;
                g->pred[d] = xrealloc(g->pred[d], sizeof(int) * (size_t)cap[d]);
            }
            g->pred[d][g->npred[d]++] = b;
        }
    }
    free(cap);
    free(s);
}

static void cfg_free(struct cfg *g)
{
    for (int b = 0; b < g->n; b++)
        free(g->pred[b]);
    free(g->pred);
    free(g->npred);
}

static const struct ir_expr *strip(const struct ir_expr *e)
{
    while (e && e->kind == E_CAST)
        e = e->sub[0];
    return e;
}

static bool same_expr(const struct ir_expr *a, const struct ir_expr *b)
{
    a = strip(a);
    b = strip(b);
    if (!a || !b)
        return a == b;
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case E_INT: return a->ival == b->ival;
    case E_LOCAL: return a->local == b->local;
    case E_GLOBAL: return a->usr == b->usr;
    case E_FIELD: return a->text == b->text && same_expr(a->sub[0], b->sub[0]);
    case E_INDEX: return same_expr(a->sub[0], b->sub[0]) && same_expr(a->sub[1], b->sub[1]);
    case E_DEREF: case E_ADDR: return same_expr(a->sub[0], b->sub[0]);
    default: return false;
    }
}

static bool mentions_local(const struct ir_expr *e, int local)
{
    if (!e)
        return false;
    if (e->kind == E_LOCAL)
        return e->local == local;
    if (e->kind == E_CALL)
        return true;
    return mentions_local(e->sub[0], local) || mentions_local(e->sub[1], local);
}

static bool is_int(const struct ir_expr *e, int64_t v)
{
    e = strip(e);
    return e && e->kind == E_INT && e->ival == v;
}

static bool is_local(const struct ir_expr *e, int local)
{
    e = strip(e);
    return e && e->kind == E_LOCAL && e->local == local;
}

/* `i = i + 1` (i++, ++i, i += 1). */
static bool is_increment(const struct ir_stmt *st, int local)
{
    const struct ir_expr *r = strip(st->rhs);
    if (!r || r->kind != E_BINARY || r->op != B_ADD)
        return false;
    return (is_local(r->sub[0], local) && is_int(r->sub[1], 1)) || (is_local(r->sub[1], local) && is_int(r->sub[0], 1));
}

/* Every way into the header from outside the loop sets the counter to 0. */
static bool starts_at_zero(const struct ir_func *f, const struct cfg *g, const unsigned char *body, int header,
                           int local)
{
    bool any = false;
    for (int p = 0; p < g->npred[header]; p++) {
        int b = g->pred[header][p];
        if (body[b])
            continue;
        bool found = false;
        for (int hops = 0; hops < 16 && !found; hops++) {
            const struct ir_block *bl = &f->blocks[b];
            for (int i = bl->nstmts - 1; i >= 0; i--) {
                const struct ir_stmt *st = &bl->stmts[i];
                if (st->kind == S_ASSIGN && is_local(st->lhs, local)) {
                    if (!is_int(st->rhs, 0))
                        return false;
                    found = true;
                    break;
                }
            }
            if (found)
                break;
            if (g->npred[b] != 1 || body[g->pred[b][0]])
                return false;
            b = g->pred[b][0];
        }
        if (!found)
            return false;
        any = true;
    }
    return any;
}

/* Tries `local` as the counter of the loop at `header` with `bound`. */
static bool try_counter(const struct ir_func *f, const struct cfg *g, const unsigned char *body, int header,
                        int local, const struct ir_expr *bound, struct counting_loop *out)
{
    if (local < 0 || local >= f->nlocals || f->locals[local].addr_taken || mentions_local(bound, local))
        return false;
    const struct ir_expr *sb = strip(bound);
    if (sb && sb->kind == E_LOCAL && sb->local < f->nlocals && f->locals[sb->local].addr_taken)
        return false;
    int step_b = -1, step_s = -1;
    for (int b = 0; b < f->nblocks; b++) {
        if (!body[b])
            continue;
        const struct ir_block *bl = &f->blocks[b];
        for (int i = 0; i < bl->nstmts; i++) {
            const struct ir_stmt *st = &bl->stmts[i];
            if (st->kind == S_DECL && st->local == local)
                return false;
            if (st->kind != S_ASSIGN || !st->lhs)
                continue;
            if (same_expr(st->lhs, bound))
                return false;
            if (!is_local(st->lhs, local))
                continue;
            if (step_b >= 0 || !is_increment(st, local))
                return false;
            step_b = b;
            step_s = i;
        }
    }
    if (step_b < 0)
        return false;
    const struct ir_term *t = &f->blocks[step_b].term;
    if (t->kind != T_GOTO || t->succ[0] != header)
        return false;
    if (!starts_at_zero(f, g, body, header, local))
        return false;
    out->local = local;
    out->bound = bound;
    out->step_block = step_b;
    out->step_stmt = step_s;
    return true;
}

static bool counting_loop_at(const struct ir_func *f, const struct cfg *g, const unsigned char *body, int header,
                             struct counting_loop *out)
{
    const struct ir_term *t = &f->blocks[header].term;
    if (t->kind != T_BRANCH || !t->cond || t->succ[0] < 0 || t->succ[1] < 0)
        return false;
    bool in0 = body[t->succ[0]], in1 = body[t->succ[1]];
    if (in0 == in1)
        return false;
    bool truth = in0;
    const struct ir_expr *c = strip(t->cond);
    while (c && c->kind == E_UNARY && c->op == U_NOT) {
        truth = !truth;
        c = strip(c->sub[0]);
    }
    if (!c || c->kind != E_BINARY)
        return false;
    enum ir_op op = truth ? c->op : ir_op_negate(c->op);
    const struct ir_expr *a = strip(c->sub[0]), *b = strip(c->sub[1]);
    if (a && a->kind == E_LOCAL && (op == B_LT || op == B_NE) &&
        try_counter(f, g, body, header, a->local, c->sub[1], out))
        return true;
    op = ir_op_swap(op);
    if (b && b->kind == E_LOCAL && (op == B_LT || op == B_NE) &&
        try_counter(f, g, body, header, b->local, c->sub[0], out))
        return true;
    return false;
}

struct func_loops *loops_find(const struct ir_func *f)
{
    struct func_loops *L = xcalloc(1, sizeof *L);
    if (!f || f->nblocks == 0)
        return L;
    struct cfg g;
    cfg_build(f, &g);
    int n = f->nblocks, max = nsuccs_max(f);
    /* iterative DFS: colour 1 = on the stack; an edge to it is a back edge */
    unsigned char *colour = xcalloc((size_t)n, 1);
    unsigned char *is_header = xcalloc((size_t)n, 1);
    int *latch_of = xmalloc(sizeof(int) * (size_t)n * (size_t)max * 2); /* back edges: latch, header */
    int nback = 0;
    int *stack = xmalloc(sizeof(int) * (size_t)n * 2);
    int *s = xmalloc(sizeof(int) * (size_t)max);
    int sp = 0;
    stack[sp++] = 0;
    stack[sp++] = 0;
    colour[0] = 1;
    while (sp > 0) {
        int b = stack[sp - 2], next = stack[sp - 1];
        int k = succs(&f->blocks[b], s, max);
        if (next < k) {
            stack[sp - 1]++;
            int d = s[next];
            if (d < 0 || d >= n)
                continue;
            if (colour[d] == 1 && nback < n * max) {
                is_header[d] = 1;
                latch_of[2 * nback] = b;
                latch_of[2 * nback + 1] = d;
                nback++;
            }
            else if (colour[d] == 0) {
                colour[d] = 1;
                stack[sp++] = d;
                stack[sp++] = 0;
            }
            continue;
        }
        colour[b] = 2;
        sp -= 2;
    }
    int *work = xmalloc(sizeof(int) * (size_t)n);
    for (int h = 0; h < n; h++) {
        if (!is_header[h])
            continue;
        /* the natural loop: the header and what reaches a latch without it */
        unsigned char *body = xcalloc((size_t)n, 1);
        body[h] = 1;
        int nw = 0;
        for (int e = 0; e < nback; e++) {
            int u = latch_of[2 * e];
            if (latch_of[2 * e + 1] == h && !body[u]) {
                body[u] = 1;
                work[nw++] = u;
            }
        }
        bool ok = true;
        while (nw > 0 && ok) {
            int x = work[--nw];
            if (x == 0) {
                ok = false; /* reached the entry: not a loop under this header */
                break;
            }
            for (int p = 0; p < g.npred[x]; p++) {
                int y = g.pred[x][p];
                if (!body[y]) {
                    body[y] = 1;
                    work[nw++] = y;
                }
            }
        }
        struct counting_loop cl;
        if (ok && counting_loop_at(f, &g, body, h, &cl)) {
            cl.body = body;
            L->v = xrealloc(L->v, sizeof *L->v * (size_t)(L->n + 1));
            L->v[L->n++] = cl;
        } else {
            free(body);
        }
    }
    free(work);
    free(s);
    free(stack);
    free(colour);
    free(is_header);
    free(latch_of);
    cfg_free(&g);
    return L;
}

void loops_free(struct func_loops *L)
{
    if (!L)
        return;
    for (int i = 0; i < L->n; i++)
        free(L->v[i].body);
    free(L->v);
    free(L);
}

const struct counting_loop *loops_counting_at(const struct func_loops *L, int local, int block, int stmt)
{
    if (!L)
        return NULL;
    for (int i = 0; i < L->n; i++) {
        const struct counting_loop *c = &L->v[i];
        if (c->local != local || block < 0 || !c->body[block])
            continue;
        if (block == c->step_block && stmt >= c->step_stmt)
            continue;
        return c;
    }
    return NULL;
}
