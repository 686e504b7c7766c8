/* Serialization of struct tu_facts (see facts_io.h).
 *
 * Layout of one encoding:
 *   strings   uvar count, then each as (uvar length, bytes); index 0 is the
 *             absent string and is not written
 *   nodes     uvar count, then the expression and call nodes in post-order
 *             (every node after the nodes it points to); a node reference
 *             is uvar (index + 1), 0 for NULL
 *   top       main file, role types, functions, globals, declarations */
#include "facts_io.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* byte buffers                                                        */

static void bb_reserve(struct bytebuf *b, size_t extra)
{
    if (b->n + extra > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + extra)
            cap *= 2;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
}

void bb_bytes(struct bytebuf *b, const void *p, size_t n)
{
    if (n == 0)
        return;
    bb_reserve(b, n);
    memcpy(b->p + b->n, p, n);
    b->n += n;
}

void bb_uvar(struct bytebuf *b, uint64_t v)
{
    bb_reserve(b, 10);
    do {
        unsigned char c = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v)
            c |= 0x80;
        b->p[b->n++] = c;
    } while (v);
}

void bb_svar(struct bytebuf *b, int64_t v)
{
    uint64_t u = ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
    bb_uvar(b, u);
}

void bb_u64(struct bytebuf *b, uint64_t v)
{
    unsigned char c[8];
    for (int i = 0; i < 8; i++)
        c[i] = (unsigned char)(v >> (8 * i));
    bb_bytes(b, c, 8);
}

void bb_str(struct bytebuf *b, const char *s)
{
    size_t n = strlen(s);
    bb_uvar(b, n);
    bb_bytes(b, s, n);
}

uint64_t br_uvar_slow(struct bytereader *r)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->bad || r->pos >= r->n) {
            r->bad = true;
            return 0;
        }
        unsigned char c = r->p[r->pos++];
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80))
            return v;
    }
    r->bad = true;
    return 0;
}

int64_t br_svar(struct bytereader *r)
{
    uint64_t u = br_uvar(r);
    return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

uint64_t br_u64(struct bytereader *r)
{
    if (r->bad || r->n - r->pos < 8) {
        r->bad = true;
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)r->p[r->pos + (size_t)i] << (8 * i);
    r->pos += 8;
    return v;
}

const char *br_str(struct bytereader *r, size_t *len)
{
    uint64_t n = br_uvar(r);
    if (r->bad || n > r->n - r->pos) {
        r->bad = true;
        *len = 0;
        return "";
    }
    const char *s = (const char *)r->p + r->pos;
    r->pos += (size_t)n;
    *len = (size_t)n;
    return s;
}

/* ------------------------------------------------------------------ */
/* writing                                                             */

/* Pointer or string id -> index of what was already written. */
static bool idmap_get(const struct u64map *m, uint64_t key, uint32_t *val)
{
    int64_t v;
    if (!u64map_get(m, key, &v))
        return false;
    *val = (uint32_t)v;
    return true;
}

enum { NODE_EXPR = 0, NODE_CALL = 1 };

struct writer {
    struct bytebuf strs, nodes, top;
    uint32_t nstrs, nnodes;
    struct u64map strmap, nodemap;
};

static void w_str(struct writer *w, struct bytebuf *b, str_id id)
{
    if (!id) {
        bb_uvar(b, 0);
        return;
    }
    uint32_t idx;
    if (!idmap_get(&w->strmap, id, &idx)) {
        idx = ++w->nstrs;
        u64map_put(&w->strmap, id, idx);
        bb_str(&w->strs, str_get(id));
    }
    bb_uvar(b, idx);
}

static void w_loc(struct writer *w, struct bytebuf *b, loc_t l)
{
    w_str(w, b, l.file);
    bb_uvar(b, l.line);
    bb_uvar(b, l.col);
}

static void w_type(struct writer *w, struct bytebuf *b, const struct ir_type *t)
{
    bb_uvar(b, (uint64_t)t->cls);
    w_str(w, b, t->spelling);
    w_str(w, b, t->record);
    bb_uvar(b, t->is_unsigned);
    bb_uvar(b, t->size);
}

static uint32_t w_call(struct writer *w, const struct ir_call *c);

/* Emits the node (after its children) if new; returns its reference. */
static uint32_t w_expr(struct writer *w, const struct ir_expr *e)
{
    if (!e)
        return 0;
    uint32_t idx;
    if (idmap_get(&w->nodemap, (uint64_t)(uintptr_t)e, &idx))
        return idx + 1;
    uint32_t s0 = w_expr(w, e->sub[0]);
    uint32_t s1 = w_expr(w, e->sub[1]);
    uint32_t c = e->call ? w_call(w, e->call) : 0;
    struct bytebuf *b = &w->nodes;
    bb_uvar(b, NODE_EXPR);
    bb_uvar(b, (uint64_t)e->kind);
    bb_uvar(b, (uint64_t)e->op);
    w_loc(w, b, e->loc);
    w_type(w, b, &e->type);
    bb_svar(b, e->ival);
    w_str(w, b, e->text);
    w_str(w, b, e->usr);
    w_str(w, b, e->record);
    bb_svar(b, e->local);
    bb_uvar(b, s0);
    bb_uvar(b, s1);
    bb_uvar(b, c);
    idx = w->nnodes++;
    u64map_put(&w->nodemap, (uint64_t)(uintptr_t)e, idx);
    return idx + 1;
}

static uint32_t w_call(struct writer *w, const struct ir_call *c)
{
    uint32_t idx;
    if (idmap_get(&w->nodemap, (uint64_t)(uintptr_t)c, &idx))
        return idx + 1;
    uint32_t callee = w_expr(w, c->callee);
    int nargs = c->args ? c->nargs : 0;
    uint32_t *args = xcalloc((size_t)(nargs > 0 ? nargs : 1), sizeof *args);
    for (int i = 0; i < nargs; i++)
        args[i] = w_expr(w, c->args[i]);
    struct bytebuf *b = &w->nodes;
    bb_uvar(b, NODE_CALL);
    w_str(w, b, c->callee_usr);
    w_str(w, b, c->callee_name);
    w_str(w, b, c->macro_name);
    bb_uvar(b, callee);
    bb_uvar(b, c->args != NULL);
    bb_uvar(b, (uint64_t)nargs);
    for (int i = 0; i < nargs; i++)
        bb_uvar(b, args[i]);
    bb_uvar(b, c->noreturn);
    bb_uvar(b, c->callee_in_system_header);
    /* callee_has_body: derived by the model, not written. */
    free(args);
    idx = w->nnodes++;
    u64map_put(&w->nodemap, (uint64_t)(uintptr_t)c, idx);
    return idx + 1;
}

static void w_stmt(struct writer *w, const struct ir_stmt *s)
{
    uint32_t lhs = w_expr(w, s->lhs);
    uint32_t rhs = w_expr(w, s->rhs);
    struct bytebuf *b = &w->top;
    bb_uvar(b, (uint64_t)s->kind);
    w_loc(w, b, s->loc);
    bb_uvar(b, lhs);
    bb_uvar(b, rhs);
    bb_svar(b, s->local);
}

static void w_func(struct writer *w, const struct ir_func *f)
{
    struct bytebuf *b = &w->top;
    w_str(w, b, f->usr);
    w_str(w, b, f->name);
    w_loc(w, b, f->loc);
    w_loc(w, b, f->end_loc);
    w_type(w, b, &f->ret);
    w_str(w, b, f->canon_type);
    w_str(w, b, f->role_typedef);
    bb_uvar(b, f->is_static);
    bb_uvar(b, f->is_cplusplus);
    bb_svar(b, f->nparams);
    bb_uvar(b, f->lowering_incomplete);
    w_str(w, b, f->incomplete_what);
    w_loc(w, b, f->incomplete_loc);
    bb_uvar(b, (uint64_t)f->nlocals);
    for (int i = 0; i < f->nlocals; i++) {
        const struct ir_local *l = &f->locals[i];
        w_str(w, b, l->name);
        w_type(w, b, &l->type);
        w_loc(w, b, l->loc);
        bb_uvar(b, l->is_param);
        bb_uvar(b, l->is_temp);
        bb_uvar(b, l->addr_taken);
    }
    bb_uvar(b, (uint64_t)f->nblocks);
    for (int i = 0; i < f->nblocks; i++) {
        const struct ir_block *bl = &f->blocks[i];
        w_loc(w, b, bl->loc);
        bb_uvar(b, (uint64_t)bl->nstmts);
        for (int k = 0; k < bl->nstmts; k++)
            w_stmt(w, &bl->stmts[k]);
        const struct ir_term *t = &bl->term;
        uint32_t cond = w_expr(w, t->cond);
        bb_uvar(b, (uint64_t)t->kind);
        w_loc(w, b, t->loc);
        bb_uvar(b, cond);
        bb_svar(b, t->succ[0]);
        bb_svar(b, t->succ[1]);
        bb_uvar(b, t->cases != NULL);
        int ncases = t->cases ? t->ncases : 0;
        bb_svar(b, t->ncases);
        for (int k = 0; k < ncases; k++) {
            bb_svar(b, t->cases[k]);
            bb_svar(b, t->case_succ[k]);
        }
        bb_uvar(b, t->implicit);
    }
}

static void w_global(struct writer *w, const struct ir_global *g)
{
    struct bytebuf *b = &w->top;
    w_str(w, b, g->usr);
    w_str(w, b, g->name);
    w_loc(w, b, g->loc);
    w_type(w, b, &g->type);
    bb_uvar(b, g->is_static);
    bb_uvar(b, g->has_definition);
    bb_uvar(b, g->init != NULL);
    int n = g->init ? g->ninit : 0;
    bb_uvar(b, (uint64_t)n);
    for (int i = 0; i < n; i++)
        w_stmt(w, &g->init[i]);
}

static void w_decl(struct writer *w, const struct ir_decl *d)
{
    struct bytebuf *b = &w->top;
    w_str(w, b, d->usr);
    w_str(w, b, d->name);
    w_loc(w, b, d->loc);
    w_str(w, b, d->canon_type);
    w_str(w, b, d->role_typedef);
    bb_uvar(b, d->is_static);
    bb_uvar(b, d->in_system_header);
    bb_uvar(b, d->noreturn);
    bb_uvar(b, d->is_definition);
}

void facts_serialize(const struct tu_facts *f, struct bytebuf *out)
{
    struct writer w;
    memset(&w, 0, sizeof w);
    struct bytebuf *b = &w.top;
    w_str(&w, b, f->main_file);
    bb_uvar(b, f->is_cplusplus);
    enum { NROLES = sizeof f->role_canon_type / sizeof f->role_canon_type[0] };
    bb_uvar(b, NROLES);
    for (int i = 0; i < NROLES; i++)
        w_str(&w, b, f->role_canon_type[i]);
    bb_uvar(b, (uint64_t)f->nfuncs);
    for (int i = 0; i < f->nfuncs; i++)
        w_func(&w, f->funcs[i]);
    bb_uvar(b, (uint64_t)f->nglobals);
    for (int i = 0; i < f->nglobals; i++)
        w_global(&w, f->globals[i]);
    bb_uvar(b, (uint64_t)f->ndecls);
    for (int i = 0; i < f->ndecls; i++)
        w_decl(&w, &f->decls[i]);

    bb_uvar(out, w.nstrs);
    bb_bytes(out, w.strs.p, w.strs.n);
    bb_uvar(out, w.nnodes);
    bb_bytes(out, w.nodes.p, w.nodes.n);
    bb_bytes(out, w.top.p, w.top.n);
    free(w.strs.p);
    free(w.nodes.p);
    free(w.top.p);
    u64map_free(&w.strmap);
    u64map_free(&w.nodemap);
}

/* ------------------------------------------------------------------ */
/* reading                                                             */

struct reader {
    struct bytereader r;
    struct arena *A;
    str_id *strs;
    uint64_t nstrs;
    void **nodes;
    unsigned char *node_kind;
    int *node_max_local;       /* the highest local index in the node's tree, -1: none */
    uint64_t nnodes, nread;
    int last_max_local;        /* of the node r_ref last returned */
};

static void fail(struct reader *rd)
{
    rd->r.bad = true;
}

/* A count of items that each take at least one byte: never more than
 * what is left, so corrupt counts cannot cause huge allocations. */
static int r_count(struct reader *rd)
{
    uint64_t n = br_uvar(&rd->r);
    if (n > rd->r.n - rd->r.pos || n > 0x7fffffff) {
        fail(rd);
        return 0;
    }
    return (int)n;
}

static uint64_t r_enum(struct reader *rd, uint64_t max)
{
    uint64_t v = br_uvar(&rd->r);
    if (v > max) {
        fail(rd);
        return 0;
    }
    return v;
}

static bool r_bool(struct reader *rd)
{
    return r_enum(rd, 1) != 0;
}

static int r_int(struct reader *rd)
{
    int64_t v = br_svar(&rd->r);
    if (v < INT32_MIN || v > INT32_MAX) {
        fail(rd);
        return 0;
    }
    return (int)v;
}

static uint32_t r_u32(struct reader *rd)
{
    uint64_t v = br_uvar(&rd->r);
    if (v > UINT32_MAX) {
        fail(rd);
        return 0;
    }
    return (uint32_t)v;
}

static str_id r_str(struct reader *rd)
{
    uint64_t i = br_uvar(&rd->r);
    if (i > rd->nstrs) {
        fail(rd);
        return 0;
    }
    return i ? rd->strs[i - 1] : 0;
}

static loc_t r_loc(struct reader *rd)
{
    loc_t l;
    l.file = r_str(rd);
    l.line = r_u32(rd);
    l.col = r_u32(rd);
    return l;
}

static struct ir_type r_type(struct reader *rd)
{
    struct ir_type t;
    memset(&t, 0, sizeof t);
    t.cls = (enum type_class)r_enum(rd, TY_FLOAT);
    t.spelling = r_str(rd);
    t.record = r_str(rd);
    t.is_unsigned = r_bool(rd);
    t.size = (uint8_t)r_enum(rd, 255);
    return t;
}

/* A reference to an already-read node of the given kind, or NULL. */
static void *r_ref(struct reader *rd, int kind)
{
    uint64_t ref = br_uvar(&rd->r);
    rd->last_max_local = -1;
    if (ref == 0)
        return NULL;
    if (ref > rd->nread || rd->node_kind[ref - 1] != kind) {
        fail(rd);
        return NULL;
    }
    rd->last_max_local = rd->node_max_local[ref - 1];
    return rd->nodes[ref - 1];
}

/* A reference that must not be NULL; *max_local takes the highest local
 * index of its tree into account. */
static void *r_ref_required(struct reader *rd, int kind, int *max_local)
{
    void *p = r_ref(rd, kind);
    if (!p)
        fail(rd);
    if (rd->last_max_local > *max_local)
        *max_local = rd->last_max_local;
    return p;
}

static void *r_ref_optional(struct reader *rd, int kind, int *max_local)
{
    void *p = r_ref(rd, kind);
    if (rd->last_max_local > *max_local)
        *max_local = rd->last_max_local;
    return p;
}

/* The operands each kind of expression needs (what the analyses
 * dereference without asking). */
static int expr_operands(enum expr_kind k)
{
    switch (k) {
    case E_FIELD:
    case E_DEREF:
    case E_ADDR:
    case E_UNARY:
    case E_CAST:
        return 1;
    case E_INDEX:
    case E_BINARY:
        return 2;
    default:
        return 0;
    }
}

static void r_node(struct reader *rd)
{
    uint64_t kind = r_enum(rd, NODE_CALL);
    if (rd->r.bad)
        return;
    int max_local = -1;
    if (kind == NODE_EXPR) {
        struct ir_expr *e = arena_alloc(rd->A, sizeof *e);
        e->kind = (enum expr_kind)r_enum(rd, E_UNKNOWN);
        e->op = (enum ir_op)r_enum(rd, B_GE);
        e->loc = r_loc(rd);
        e->type = r_type(rd);
        e->ival = br_svar(&rd->r);
        e->text = r_str(rd);
        e->usr = r_str(rd);
        e->record = r_str(rd);
        e->local = r_int(rd);
        int need = expr_operands(e->kind);
        e->sub[0] = need >= 1 ? r_ref_required(rd, NODE_EXPR, &max_local) : r_ref_optional(rd, NODE_EXPR, &max_local);
        e->sub[1] = need >= 2 ? r_ref_required(rd, NODE_EXPR, &max_local) : r_ref_optional(rd, NODE_EXPR, &max_local);
        e->call = e->kind == E_CALL ? r_ref_required(rd, NODE_CALL, &max_local) : r_ref_optional(rd, NODE_CALL, &max_local);
        if (e->kind == E_LOCAL) {
            if (e->local < 0)
                fail(rd);
            else if (e->local > max_local)
                max_local = e->local;
        }
        if (e->kind == E_UNARY && (e->op < U_NEG || e->op > U_BITNOT))
            fail(rd);
        if (e->kind == E_BINARY && (e->op < B_ADD || e->op > B_GE))
            fail(rd);
        rd->nodes[rd->nread] = e;
    } else {
        struct ir_call *c = arena_alloc(rd->A, sizeof *c);
        c->callee_usr = r_str(rd);
        c->callee_name = r_str(rd);
        c->macro_name = r_str(rd);
        c->callee = r_ref_optional(rd, NODE_EXPR, &max_local);
        bool has_args = r_bool(rd);
        c->nargs = r_count(rd);
        if (has_args) {
            c->args = arena_alloc(rd->A, sizeof(struct ir_expr *) * (size_t)(c->nargs ? c->nargs : 1));
            for (int i = 0; i < c->nargs && !rd->r.bad; i++)
                c->args[i] = r_ref_required(rd, NODE_EXPR, &max_local);
        } else if (c->nargs) {
            fail(rd);
        }
        c->noreturn = r_bool(rd);
        c->callee_in_system_header = r_bool(rd);
        c->callee_has_body = false;
        rd->nodes[rd->nread] = c;
    }
    rd->node_kind[rd->nread] = (unsigned char)kind;
    rd->node_max_local[rd->nread] = max_local;
    rd->nread++;
}

/* A statement with the operands its kind needs; *max_local gets the
 * highest local index it names (checked against the function's locals). */
static void r_stmt(struct reader *rd, struct ir_stmt *s, int *max_local)
{
    s->kind = (enum stmt_kind)r_enum(rd, S_EVAL);
    s->loc = r_loc(rd);
    bool lhs_needed = s->kind == S_ASSIGN, rhs_needed = s->kind != S_DECL;
    s->lhs = lhs_needed ? r_ref_required(rd, NODE_EXPR, max_local) : r_ref_optional(rd, NODE_EXPR, max_local);
    s->rhs = rhs_needed ? r_ref_required(rd, NODE_EXPR, max_local) : r_ref_optional(rd, NODE_EXPR, max_local);
    s->local = r_int(rd);
    if (s->kind == S_CALL && s->rhs && s->rhs->kind != E_CALL)
        fail(rd);
    if (s->kind == S_DECL && s->local > *max_local)
        *max_local = s->local;
    if (s->kind == S_DECL && s->local < 0)
        fail(rd);
}

static bool block_ok(int b, int nblocks)
{
    return b >= 0 && b < nblocks;
}

static struct ir_func *r_func(struct reader *rd)
{
    struct ir_func *f = arena_alloc(rd->A, sizeof *f);
    f->usr = r_str(rd);
    f->name = r_str(rd);
    f->loc = r_loc(rd);
    f->end_loc = r_loc(rd);
    f->ret = r_type(rd);
    f->canon_type = r_str(rd);
    f->role_typedef = r_str(rd);
    f->is_static = r_bool(rd);
    f->is_cplusplus = r_bool(rd);
    f->nparams = r_int(rd);
    f->lowering_incomplete = r_bool(rd);
    f->incomplete_what = r_str(rd);
    f->incomplete_loc = r_loc(rd);
    f->nlocals = r_count(rd);
    f->locals = arena_alloc(rd->A, sizeof(struct ir_local) * (size_t)(f->nlocals ? f->nlocals : 1));
    for (int i = 0; i < f->nlocals && !rd->r.bad; i++) {
        struct ir_local *l = &f->locals[i];
        l->name = r_str(rd);
        l->type = r_type(rd);
        l->loc = r_loc(rd);
        l->is_param = r_bool(rd);
        l->is_temp = r_bool(rd);
        l->addr_taken = r_bool(rd);
    }
    if (f->nparams < 0 || f->nparams > f->nlocals)
        fail(rd);
    f->nblocks = r_count(rd);
    if (f->nblocks == 0)
        fail(rd); /* blocks[0] is the entry */
    f->blocks = arena_alloc(rd->A, sizeof(struct ir_block) * (size_t)(f->nblocks ? f->nblocks : 1));
    for (int i = 0; i < f->nblocks && !rd->r.bad; i++) {
        struct ir_block *bl = &f->blocks[i];
        bl->loc = r_loc(rd);
        bl->nstmts = r_count(rd);
        bl->cap = bl->nstmts;
        bl->stmts = arena_alloc(rd->A, sizeof(struct ir_stmt) * (size_t)(bl->nstmts ? bl->nstmts : 1));
        int max_local = -1;
        for (int k = 0; k < bl->nstmts && !rd->r.bad; k++)
            r_stmt(rd, &bl->stmts[k], &max_local);
        struct ir_term *t = &bl->term;
        t->kind = (enum term_kind)r_enum(rd, T_NORETURN);
        t->loc = r_loc(rd);
        t->cond = t->kind == T_SWITCH ? r_ref_required(rd, NODE_EXPR, &max_local)
                                      : r_ref_optional(rd, NODE_EXPR, &max_local);
        /* Every local the block names is one of the function's. */
        if (max_local >= f->nlocals)
            fail(rd);
        t->succ[0] = r_int(rd);
        t->succ[1] = r_int(rd);
        bool has_cases = r_bool(rd);
        t->ncases = r_int(rd);
        if (has_cases) {
            if (t->ncases < 0 || (uint64_t)t->ncases > rd->r.n - rd->r.pos) {
                fail(rd);
                break;
            }
            t->cases = arena_alloc(rd->A, sizeof(int64_t) * (size_t)(t->ncases ? t->ncases : 1));
            t->case_succ = arena_alloc(rd->A, sizeof(int) * (size_t)(t->ncases ? t->ncases : 1));
            for (int k = 0; k < t->ncases && !rd->r.bad; k++) {
                t->cases[k] = br_svar(&rd->r);
                t->case_succ[k] = r_int(rd);
            }
        } else if (t->kind == T_SWITCH && t->ncases != 0) {
            fail(rd);
        }
        t->implicit = r_bool(rd);
    }
    /* Successors must name blocks of this function. */
    for (int i = 0; i < f->nblocks && !rd->r.bad; i++) {
        const struct ir_term *t = &f->blocks[i].term;
        if (t->kind == T_GOTO || t->kind == T_SWITCH || t->kind == T_BRANCH)
            if (!block_ok(t->succ[0], f->nblocks))
                fail(rd);
        if (t->kind == T_BRANCH && !block_ok(t->succ[1], f->nblocks))
            fail(rd);
        if (t->kind == T_SWITCH)
            for (int k = 0; k < t->ncases; k++)
                if (!block_ok(t->case_succ[k], f->nblocks))
                    fail(rd);
    }
    return f;
}

static struct ir_global *r_global(struct reader *rd)
{
    struct ir_global *g = arena_alloc(rd->A, sizeof *g);
    g->usr = r_str(rd);
    g->name = r_str(rd);
    g->loc = r_loc(rd);
    g->type = r_type(rd);
    g->is_static = r_bool(rd);
    g->has_definition = r_bool(rd);
    bool has_init = r_bool(rd);
    g->ninit = r_count(rd);
    if (has_init) {
        g->init = arena_alloc(rd->A, sizeof(struct ir_stmt) * (size_t)(g->ninit ? g->ninit : 1));
        /* An initializer runs outside any function: it names no local. */
        int max_local = -1;
        for (int i = 0; i < g->ninit && !rd->r.bad; i++)
            r_stmt(rd, &g->init[i], &max_local);
        if (max_local >= 0)
            fail(rd);
    } else if (g->ninit) {
        fail(rd);
    }
    return g;
}

static void r_decl(struct reader *rd, struct ir_decl *d)
{
    d->usr = r_str(rd);
    d->name = r_str(rd);
    d->loc = r_loc(rd);
    d->canon_type = r_str(rd);
    d->role_typedef = r_str(rd);
    d->is_static = r_bool(rd);
    d->in_system_header = r_bool(rd);
    d->noreturn = r_bool(rd);
    d->is_definition = r_bool(rd);
}

/* Reads into `out`, allocating from `A`. */
static int read_facts(const void *data, size_t len, struct arena *A, struct tu_facts *out)
{
    struct reader rd;
    memset(&rd, 0, sizeof rd);
    rd.r.p = data;
    rd.r.n = len;
    rd.A = A;

    rd.nstrs = (uint64_t)r_count(&rd);
    rd.strs = xcalloc((size_t)(rd.nstrs ? rd.nstrs : 1), sizeof *rd.strs);
    for (uint64_t i = 0; i < rd.nstrs && !rd.r.bad; i++) {
        size_t n;
        const char *s = br_str(&rd.r, &n);
        if (n == 0 || memchr(s, 0, n))
            fail(&rd);
        else
            rd.strs[i] = str_intern_n(s, n);
    }
    rd.nnodes = (uint64_t)r_count(&rd);
    rd.nodes = xcalloc((size_t)(rd.nnodes ? rd.nnodes : 1), sizeof *rd.nodes);
    rd.node_kind = xcalloc((size_t)(rd.nnodes ? rd.nnodes : 1), 1);
    rd.node_max_local = xcalloc((size_t)(rd.nnodes ? rd.nnodes : 1), sizeof *rd.node_max_local);
    while (rd.nread < rd.nnodes && !rd.r.bad)
        r_node(&rd);

    out->main_file = r_str(&rd);
    out->is_cplusplus = r_bool(&rd);
    enum { NROLES = sizeof out->role_canon_type / sizeof out->role_canon_type[0] };
    if (br_uvar(&rd.r) != NROLES)
        fail(&rd);
    for (int i = 0; i < NROLES; i++)
        out->role_canon_type[i] = r_str(&rd);
    out->nfuncs = r_count(&rd);
    out->funcs = arena_alloc(rd.A, sizeof(struct ir_func *) * (size_t)(out->nfuncs ? out->nfuncs : 1));
    for (int i = 0; i < out->nfuncs && !rd.r.bad; i++)
        out->funcs[i] = r_func(&rd);
    out->nglobals = r_count(&rd);
    out->globals = arena_alloc(rd.A, sizeof(struct ir_global *) * (size_t)(out->nglobals ? out->nglobals : 1));
    for (int i = 0; i < out->nglobals && !rd.r.bad; i++)
        out->globals[i] = r_global(&rd);
    out->ndecls = r_count(&rd);
    out->decls = arena_alloc(rd.A, sizeof(struct ir_decl) * (size_t)(out->ndecls ? out->ndecls : 1));
    for (int i = 0; i < out->ndecls && !rd.r.bad; i++)
        r_decl(&rd, &out->decls[i]);
    if (rd.r.pos != rd.r.n)
        fail(&rd);

    free(rd.strs);
    free(rd.nodes);
    free(rd.node_kind);
    free(rd.node_max_local);
    return rd.r.bad ? -1 : 0;
}

int facts_deserialize(const void *data, size_t len, struct tu_facts *out)
{
    memset(out, 0, sizeof *out);
    if (read_facts(data, len, &out->arena, out) != 0) {
        tu_facts_free(out);
        return -1;
    }
    return 0;
}

struct shared_facts *shared_facts_decode(const void *data, size_t len, uint64_t id, bool is_cplusplus)
{
    struct shared_facts *s = xcalloc(1, sizeof *s);
    if (facts_deserialize(data, len, &s->facts) != 0) {
        free(s);
        return NULL;
    }
    /* Lowering marks functions by the language of the main file, which for
     * a header block is the language of the files parsed against it. */
    s->facts.is_cplusplus = is_cplusplus;
    for (int i = 0; i < s->facts.nfuncs; i++)
        s->facts.funcs[i]->is_cplusplus = is_cplusplus;
    s->id = id;
    s->refs = 1;
    return s;
}

void facts_attach_prefix(struct tu_facts *f, struct shared_facts *prefix)
{
    shared_facts_release(f->prefix);
    f->prefix = shared_facts_retain(prefix);
    for (size_t r = 0; r < sizeof f->role_canon_type / sizeof f->role_canon_type[0]; r++)
        if (!f->role_canon_type[r])
            f->role_canon_type[r] = prefix->facts.role_canon_type[r];
}
