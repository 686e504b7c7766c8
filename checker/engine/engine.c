/* The dataflow engine (see engine.h). */
#include "engine.h"
#include "loops.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_HOOKS 16
#define WIDEN_AFTER 3
#define MAX_BLOCK_VISITS 400

struct engine {
    const struct model *m;
    struct arena events;             /* path events, freed with the engine */
    struct obj *objs;
    int nobjs, capobjs;
    struct u64map obj_by_key;
    struct engine_hooks hooks[MAX_HOOKS];
    int nhooks;
    const struct ir_func *root;
    int active[64];                  /* functions on the inline stack */
    int nactive;
    const struct ir_stmt *callstack[64]; /* the calls that led there */
    int ncallstack;
    long budget;                     /* statements left to execute for this root */
    struct val *summaries;           /* per model function: what it returns (V_NONE: none yet) */
    bool summary_only;               /* calls use summaries, never the callee's body */
    bool no_log;                     /* the bottom-up summary pass records no assumptions */
    struct assumption *log;          /* the assumption log */
    int nlog, caplog;
    struct u64map log_seen;
    /* forks requested by hooks during the current call */
    struct state **forks;
    int nforks, capforks;
    /* counting loops per function (found on first use) */
    struct u64map loops_by_func;
    struct func_loops **loops;
    int nloops;
    /* the statement being executed (for the counting loops' extent) */
    int cur_block, cur_stmt;
};

/* ------------------------------------------------------------------ */
/* objects                                                             */

static int new_obj(struct engine *E, enum obj_kind kind, uint64_t key, str_id name)
{
    int64_t found;
    if (key && u64map_get(&E->obj_by_key, key, &found))
        return (int)found;
    if (E->nobjs == E->capobjs) {
        E->capobjs = E->capobjs ? E->capobjs * 2 : 64;
        E->objs = xrealloc(E->objs, sizeof(struct obj) * (size_t)E->capobjs);
    }
    struct obj *o = &E->objs[E->nobjs];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->name = name;
    o->key = key;
    o->family = -1;
    o->parent = -1;
    if (key)
        u64map_put(&E->obj_by_key, key, E->nobjs);
    return E->nobjs++;
}

struct obj *engine_obj(struct engine *E, int id)
{
    return id >= 0 && id < E->nobjs ? &E->objs[id] : NULL;
}

int engine_nobjs(struct engine *E)
{
    return E->nobjs;
}

static uint64_t mloc_key(mloc l)
{
    return ((uint64_t)l.root << 62) ^ ((uint64_t)l.id << 32) ^ (uint64_t)l.path;
}

int engine_obj_fixed(struct engine *E, uint64_t key, const char *name)
{
    return new_obj(E, OBJ_FIXED, hash_str(name) ^ key ^ 0xF1ULL, str_intern(name));
}

int engine_obj_alloc(struct engine *E, const struct ir_stmt *site_stmt, int family, loc_t site, str_id routine,
                     str_id name)
{
    /* One object per acquiring call *in its calling context*: a wrapper
     * called twice hands out two blocks. */
    uint64_t key = hash_bytes(&site_stmt, sizeof site_stmt, 0xA11CULL);
    for (int i = 0; i < E->ncallstack; i++)
        key = hash_bytes(&E->callstack[i], sizeof E->callstack[i], key);
    int id = new_obj(E, OBJ_ALLOC, key, name);
    struct obj *o = &E->objs[id];
    if (o->family < 0) {
        o->family = family;
        o->site = site;
        o->routine = routine;
    }
    return id;
}

int engine_obj_derived(struct engine *E, int parent, int family)
{
    uint64_t key = ((uint64_t)(parent + 1) << 20) ^ (uint64_t)(family + 7) ^ 0xDE0000000000ULL;
    int id = new_obj(E, OBJ_DERIVED, key, E->objs[parent].name);
    E->objs[id].parent = parent;
    E->objs[id].family = family;
    E->objs[id].summary = E->objs[parent].summary;
    return id;
}

int engine_obj_place(struct engine *E, mloc l)
{
    int id = new_obj(E, OBJ_PLACE, mloc_key(l) ^ 0x9ACEULL, 0);
    E->objs[id].place = l;
    return id;
}

int engine_obj_symbolic(struct engine *E, mloc l, str_id name)
{
    int id = new_obj(E, OBJ_SYMBOLIC, mloc_key(l) ^ 0x5EEDULL, name);
    if (mloc_is_elements(l))
        E->objs[id].summary = true;
    return id;
}

static int obj_group(struct engine *E, mloc pattern, str_id name)
{
    int id = new_obj(E, OBJ_GROUP, mloc_key(pattern) ^ 0x6A0ULL, name);
    E->objs[id].place = pattern;
    E->objs[id].summary = true;
    return id;
}

/* ---- array elements in paths (see engine.h) ---- */

bool mloc_is_elements(mloc l)
{
    if (!l.path)
        return false;
    const char *p = str_get(l.path);
    return strstr(p, "[]") || strstr(p, "[*");
}

static bool path_has_forall(str_id path)
{
    return path && strstr(str_get(path), "[*");
}

/* The path with every "[*...]" written as the summary slot "[]". */
static str_id slot_path(str_id path)
{
    const char *p = str_get(path);
    struct strbuf b = {0};
    while (*p) {
        if (p[0] == '[' && p[1] == '*') {
            const char *q = strchr(p, ']');
            if (!q)
                break;
            sb_puts(&b, "[]");
            p = q + 1;
            continue;
        }
        sb_putc(&b, *p++);
    }
    char *t = sb_take(&b);
    str_id id = str_intern(t);
    free(t);
    return id;
}

/* The path with every concrete index "[3]" written as the slot "[]". */
static str_id concrete_to_slot(str_id path)
{
    const char *p = str_get(path);
    struct strbuf b = {0};
    bool any = false;
    while (*p) {
        if (p[0] == '[' && isdigit((unsigned char)p[1])) {
            const char *q = p + 1;
            while (isdigit((unsigned char)*q))
                q++;
            if (*q == ']') {
                sb_puts(&b, "[]");
                p = q + 1;
                any = true;
                continue;
            }
        }
        sb_putc(&b, *p++);
    }
    char *t = sb_take(&b);
    str_id id = any ? str_intern(t) : 0;
    free(t);
    return id;
}

/* Does the stored path `e` name an element that pattern `p` may stand for?
 * *covered: every index of `e` is one the access certainly visits. */
static bool element_match(const char *e, const char *p, bool *covered)
{
    *covered = true;
    while (*p) {
        if (p[0] == '[' && (p[1] == '*' || p[1] == ']')) {
            const char *q = p + 1;
            bool forall = *q == '*';
            long long lim = -1;
            if (forall) {
                q++;
                if (isdigit((unsigned char)*q)) {
                    char *end;
                    lim = strtoll(q, &end, 10);
                    q = end;
                }
            }
            if (*q != ']' || e[0] != '[')
                return false;
            const char *r = e + 1;
            if (*r == ']') {
                r++;
            } else if (isdigit((unsigned char)*r)) {
                char *end;
                long long k = strtoll(r, &end, 10);
                r = end;
                if (*r != ']')
                    return false;
                r++;
                if (forall && lim >= 0 && k >= lim)
                    return false; /* past the loop's bound: never visited */
                if (!(forall && lim >= 0))
                    *covered = false;
            } else {
                return false;
            }
            p = q + 1;
            e = r;
            continue;
        }
        if (*e != *p)
            return false;
        e++, p++;
    }
    return *e == 0;
}

int engine_group_members(struct engine *E, const struct state *s, int group, int *objs, bool *covered, int max)
{
    struct obj *g = engine_obj(E, group);
    if (!g || g->kind != OBJ_GROUP)
        return 0;
    const char *pat = str_get(g->place.path);
    int n = 0;
    for (int i = 0; i < s->n; i++) {
        const struct sent *e = &s->e[i];
        bool cov;
        if (e->l.root != g->place.root || e->l.id != g->place.id || e->v.kind != V_PTR ||
            !element_match(str_get(e->l.path), pat, &cov))
            continue;
        int k = 0;
        while (k < n && objs[k] != e->v.obj)
            k++;
        if (k < n) {
            covered[k] |= cov;
            continue;
        }
        if (n < max) {
            objs[n] = e->v.obj;
            covered[n] = cov;
            n++;
        }
    }
    return n;
}

mloc mloc_make(uint8_t root, uint32_t id, str_id path)
{
    mloc l = {root, id, path};
    return l;
}

mloc mloc_sub(mloc l, const char *suffix)
{
    if (!mloc_valid(l))
        return l;
    char *p = xasprintf("%s%s", str_get(l.path), suffix);
    l.path = str_intern(p);
    free(p);
    return l;
}

mloc engine_obj_loc(struct engine *E, int obj, str_id path)
{
    struct obj *o = engine_obj(E, obj);
    if (o && o->kind == OBJ_PLACE) {
        mloc l = o->place;
        if (path) {
            char *p = xasprintf("%s%s", str_get(l.path), str_get(path));
            l.path = str_intern(p);
            free(p);
        }
        return l;
    }
    return mloc_make(R_OBJ, (uint32_t)obj, path);
}

/* ------------------------------------------------------------------ */
/* states                                                              */

struct state *state_new(void)
{
    struct state *s = xcalloc(1, sizeof *s);
    s->retval = val_top();
    s->retval.kind = V_NONE;
    return s;
}

struct state *state_clone(const struct state *s)
{
    struct state *c = xmalloc(sizeof *c);
    *c = *s;
    c->e = xmalloc(sizeof(struct sent) * (size_t)(s->cap ? s->cap : 1));
    if (s->n)
        memcpy(c->e, s->e, sizeof(struct sent) * (size_t)s->n);
    c->r = xmalloc(sizeof(struct rsrc) * (size_t)(s->capr ? s->capr : 1));
    if (s->nr)
        memcpy(c->r, s->r, sizeof(struct rsrc) * (size_t)s->nr);
    c->f = xmalloc(sizeof(struct fact) * (size_t)(s->capf ? s->capf : 1));
    if (s->nf)
        memcpy(c->f, s->f, sizeof(struct fact) * (size_t)s->nf);
    return c;
}

void state_free(struct state *s)
{
    if (!s)
        return;
    free(s->e);
    free(s->r);
    free(s->f);
    free(s);
}

static int sent_find(const struct state *s, uint64_t key, bool *found)
{
    int lo = 0, hi = s->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (s->e[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = lo < s->n && s->e[lo].key == key;
    return lo;
}

bool state_lookup(const struct state *s, mloc l, struct val *out)
{
    if (path_has_forall(l.path))
        l.path = slot_path(l.path);
    bool found;
    int i = sent_find(s, mloc_key(l), &found);
    if (found && out)
        *out = s->e[i].v;
    return found;
}

void state_store(struct state *s, mloc l, struct val v)
{
    if (!mloc_valid(l))
        return;
    if (path_has_forall(l.path)) {
        /* each element the loop visits, and those never stored one by one */
        const char *pat = str_get(l.path);
        for (int i = 0; i < s->n; i++) {
            bool cov;
            if (s->e[i].l.root == l.root && s->e[i].l.id == l.id && element_match(str_get(s->e[i].l.path), pat, &cov) &&
                cov)
                s->e[i].v = v;
        }
        l.path = slot_path(l.path);
    }
    uint64_t key = mloc_key(l);
    bool found;
    int i = sent_find(s, key, &found);
    if (found) {
        s->e[i].v = v;
        return;
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->e = xrealloc(s->e, sizeof(struct sent) * (size_t)s->cap);
    }
    memmove(&s->e[i + 1], &s->e[i], sizeof(struct sent) * (size_t)(s->n - i));
    s->e[i].key = key;
    s->e[i].l = l;
    s->e[i].v = v;
    s->n++;
}

void state_remove(struct state *s, mloc l)
{
    bool found;
    int i = sent_find(s, mloc_key(l), &found);
    if (!found)
        return;
    memmove(&s->e[i], &s->e[i + 1], sizeof(struct sent) * (size_t)(s->n - i - 1));
    s->n--;
}

struct rsrc *state_rsrc(struct state *s, int obj)
{
    for (int i = 0; i < s->nr; i++)
        if (s->r[i].obj == obj)
            return &s->r[i];
    return NULL;
}

struct rsrc *state_rsrc_add(struct state *s, int obj)
{
    struct rsrc *r = state_rsrc(s, obj);
    if (r)
        return r;
    if (s->nr == s->capr) {
        s->capr = s->capr ? s->capr * 2 : 8;
        s->r = xrealloc(s->r, sizeof(struct rsrc) * (size_t)s->capr);
    }
    /* Keep sorted by object id so joins and keys are order-independent. */
    int i = s->nr;
    while (i > 0 && s->r[i - 1].obj > obj) {
        s->r[i] = s->r[i - 1];
        i--;
    }
    memset(&s->r[i], 0, sizeof s->r[i]);
    s->r[i].obj = obj;
    s->r[i].family = -1;
    s->nr++;
    return &s->r[i];
}

void state_set_fact(struct state *s, str_id key, struct val v)
{
    for (int i = 0; i < s->nf; i++)
        if (s->f[i].key == key) {
            s->f[i].v = v;
            return;
        }
    if (s->nf == s->capf) {
        s->capf = s->capf ? s->capf * 2 : 4;
        s->f = xrealloc(s->f, sizeof(struct fact) * (size_t)s->capf);
    }
    s->f[s->nf].key = key;
    s->f[s->nf].v = v;
    s->nf++;
}

const struct val *state_fact(const struct state *s, str_id key)
{
    for (int i = 0; i < s->nf; i++)
        if (s->f[i].key == key)
            return &s->f[i].v;
    return NULL;
}

/* A value joined with "never written on the other path": memory outside
 * the locals then holds whatever it held before, which for a pointer
 * includes NULL. */
static struct val join_untouched(const struct val *v, bool *changed)
{
    struct val r = *v;
    if (r.kind == V_PTR && !r.may_null) {
        r.may_null = true;
        *changed = true;
    }
    return r;
}

/* Joins store b into a. Entries missing on one side mean "not yet
 * touched" there: the join keeps the other side's value, joined with
 * unknown for locations that have a definite meaning when absent. */
bool state_join(struct state *a, const struct state *b, bool widen)
{
    bool changed = false;
    int i = 0, j = 0;
    struct sent *out = xmalloc(sizeof(struct sent) * (size_t)(a->n + b->n + 1));
    int n = 0;
    while (i < a->n || j < b->n) {
        if (j >= b->n || (i < a->n && a->e[i].key < b->e[j].key)) {
            /* only in a: the other side never touched it */
            out[n] = a->e[i];
            out[n].v = join_untouched(&out[n].v, &changed);
            n++, i++;
        } else if (i >= a->n || b->e[j].key < a->e[i].key) {
            bool ignored = false;
            out[n] = b->e[j];
            out[n].v = join_untouched(&out[n].v, &ignored);
            if (widen)
                out[n].v = val_widen(&out[n].v);
            n++, j++;
            changed = true;
        } else {
            struct val v = val_join(&a->e[i].v, &b->e[j].v);
            /* Widen only what is still growing: values a loop leaves alone
             * keep their constants. */
            if (!val_equal(&v, &a->e[i].v)) {
                changed = true;
                if (widen)
                    v = val_widen(&v);
            }
            out[n] = a->e[i];
            out[n].v = v;
            n++, i++, j++;
        }
    }
    free(a->e);
    a->e = out;
    a->n = n;
    a->cap = n + 1;
    for (int k = 0; k < b->nr; k++) {
        struct rsrc *ra = state_rsrc(a, b->r[k].obj);
        if (!ra) {
            ra = state_rsrc_add(a, b->r[k].obj);
            *ra = b->r[k];
            changed = true;
        } else if ((ra->st | b->r[k].st) != ra->st) {
            ra->st |= b->r[k].st;
            if (!loc_valid(ra->rel_loc)) {
                ra->rel_loc = b->r[k].rel_loc;
                ra->rel_routine = b->r[k].rel_routine;
            }
            changed = true;
        }
    }
    for (int k = 0; k < b->nf; k++) {
        const struct val *fa = state_fact(a, b->f[k].key);
        if (!fa) {
            state_set_fact(a, b->f[k].key, b->f[k].v);
            changed = true;
        } else {
            struct val v = val_join(fa, &b->f[k].v);
            if (!val_equal(&v, fa)) {
                state_set_fact(a, b->f[k].key, v);
                changed = true;
            }
        }
    }
    if (a->retval.kind != V_NONE || b->retval.kind != V_NONE) {
        struct val v = val_join(&a->retval, &b->retval);
        if (!val_equal(&v, &a->retval))
            changed = true;
        a->retval = v;
    }
    return changed;
}

void state_note(struct engine *E, struct state *s, loc_t loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    struct event *ev = arena_alloc(&E->events, sizeof *ev);
    ev->prev = s->trace;
    ev->loc = loc;
    ev->msg = str_intern(msg);
    ev->depth = s->depth;
    ev->len = s->trace ? s->trace->len + 1 : 1;
    s->trace = ev;
    free(msg);
}

/* ------------------------------------------------------------------ */
/* engine set-up                                                       */

struct engine *engine_new(const struct model *m)
{
    struct engine *E = xcalloc(1, sizeof *E);
    E->m = m;
    return E;
}

void engine_free(struct engine *E)
{
    arena_free(&E->events);
    free(E->objs);
    u64map_free(&E->obj_by_key);
    free(E->summaries);
    free(E->forks);
    free(E->log);
    u64map_free(&E->log_seen);
    for (int i = 0; i < E->nloops; i++)
        loops_free(E->loops[i]);
    free(E->loops);
    u64map_free(&E->loops_by_func);
    free(E);
}

void engine_add_hooks(struct engine *E, const struct engine_hooks *h)
{
    if (E->nhooks < MAX_HOOKS)
        E->hooks[E->nhooks++] = *h;
}

bool engine_set_summary(struct engine *E, int func, const struct val *ret)
{
    if (!E->summaries)
        E->summaries = xcalloc((size_t)(E->m->nfuncs > 0 ? E->m->nfuncs : 1), sizeof(struct val));
    struct val v = val_join(&E->summaries[func], ret);
    bool changed = !val_equal(&v, &E->summaries[func]) || E->summaries[func].kind == V_NONE;
    E->summaries[func] = v;
    return changed;
}

void engine_summary_mode(struct engine *E, bool on)
{
    E->summary_only = on;
    E->no_log = on;
}

void engine_pop_hooks(struct engine *E)
{
    if (E->nhooks > 0)
        E->nhooks--;
}

const struct model *engine_model(struct engine *E)
{
    return E->m;
}

const struct ir_func *engine_root(struct engine *E)
{
    return E->root;
}

struct state *engine_fork(struct engine *E, struct state *s)
{
    struct state *f = state_clone(s);
    if (E->nforks == E->capforks) {
        E->capforks = E->capforks ? E->capforks * 2 : 4;
        E->forks = xrealloc(E->forks, sizeof(struct state *) * (size_t)E->capforks);
    }
    E->forks[E->nforks++] = f;
    return f;
}

void engine_end_path(struct state *s)
{
    s->dead = true;
}

/* ------------------------------------------------------------------ */
/* expressions                                                         */

static void append_text(struct strbuf *b, const struct ir_func *f, const struct ir_expr *e)
{
    if (!e) {
        sb_puts(b, "?");
        return;
    }
    switch (e->kind) {
    case E_INT:
        if (e->text)
            sb_puts(b, str_get(e->text));
        else
            sb_printf(b, "%lld", (long long)e->ival);
        break;
    case E_LOCAL:
        if (f && e->local < f->nlocals && (!f->locals[e->local].is_temp || f->locals[e->local].name != str_intern("<tmp>")))
            sb_puts(b, str_get(f->locals[e->local].name));
        else
            sb_puts(b, "(value)");
        break;
    case E_GLOBAL:
    case E_FUNC:
        sb_puts(b, str_get(e->text));
        break;
    case E_FIELD:
        if (e->sub[0] && e->sub[0]->kind == E_DEREF) {
            append_text(b, f, e->sub[0]->sub[0]);
            sb_printf(b, "->%s", str_get(e->text));
        } else {
            append_text(b, f, e->sub[0]);
            sb_printf(b, ".%s", str_get(e->text));
        }
        break;
    case E_INDEX:
        append_text(b, f, e->sub[0]);
        sb_puts(b, "[");
        append_text(b, f, e->sub[1]);
        sb_puts(b, "]");
        break;
    case E_DEREF:
        sb_puts(b, "*");
        append_text(b, f, e->sub[0]);
        break;
    case E_ADDR:
        sb_puts(b, "&");
        append_text(b, f, e->sub[0]);
        break;
    case E_CAST:
        append_text(b, f, e->sub[0]);
        break;
    case E_CALL:
        sb_printf(b, "%s(...)", e->call->callee_name ? str_get(e->call->callee_name) : "");
        break;
    case E_UNARY:
        sb_puts(b, e->op == U_NOT ? "!" : e->op == U_NEG ? "-" : "~");
        append_text(b, f, e->sub[0]);
        break;
    case E_BINARY:
        append_text(b, f, e->sub[0]);
        sb_puts(b, " op ");
        append_text(b, f, e->sub[1]);
        break;
    default:
        sb_puts(b, "(value)");
        break;
    }
}

char *expr_text(const struct ir_func *f, const struct ir_expr *e)
{
    struct strbuf b = {0};
    append_text(&b, f, e);
    return sb_take(&b);
}

static uint32_t local_id(const struct state *s, int idx)
{
    return ((uint32_t)s->depth << LOCAL_INDEX_BITS) | (uint32_t)idx;
}

static struct val eval(struct engine *E, struct state *s, const struct ir_func *f, const struct ir_expr *e);
static str_id name_of_loc_expr(const struct ir_func *f, const struct ir_expr *e);

static const struct func_loops *loops_of(struct engine *E, const struct ir_func *f)
{
    if (!f)
        return NULL;
    int64_t idx;
    uint64_t key = (uint64_t)(uintptr_t)f;
    if (u64map_get(&E->loops_by_func, key, &idx))
        return E->loops[idx];
    E->loops = xrealloc(E->loops, sizeof *E->loops * (size_t)(E->nloops + 1));
    E->loops[E->nloops] = loops_find(f);
    u64map_put(&E->loops_by_func, key, E->nloops);
    return E->loops[E->nloops++];
}

static void fire_access(struct engine *E, struct state *s, int obj, loc_t loc, const struct ir_expr *e)
{
    for (int h = 0; h < E->nhooks; h++)
        if (E->hooks[h].on_access)
            E->hooks[h].on_access(E, s, obj, loc, e, E->hooks[h].ud);
}

mloc engine_lvalue(struct engine *E, struct state *s, const struct ir_func *f, const struct ir_expr *e)
{
    mloc none = {0, 0, 0};
    if (!e)
        return none;
    switch (e->kind) {
    case E_LOCAL:
        return mloc_make(R_LOCAL, local_id(s, e->local), 0);
    case E_GLOBAL:
        return mloc_make(R_GLOBAL, e->usr, 0);
    case E_FIELD: {
        mloc b = engine_lvalue(E, s, f, e->sub[0]);
        if (!mloc_valid(b))
            return none;
        char *suffix = xasprintf(".%s", str_get(e->text));
        mloc r = mloc_sub(b, suffix);
        free(suffix);
        return r;
    }
    case E_INDEX: {
        struct val iv = eval(E, s, f, e->sub[1]);
        mloc b = engine_lvalue(E, s, f, e->sub[0]);
        if (!mloc_valid(b))
            return none;
        const struct ir_expr *ix = e->sub[1];
        while (ix && ix->kind == E_CAST)
            ix = ix->sub[0];
        const struct counting_loop *cl =
            ix && ix->kind == E_LOCAL ? loops_counting_at(loops_of(E, f), ix->local, E->cur_block, E->cur_stmt) : NULL;
        char suffix[40];
        if (cl) {
            /* a counting loop's index: each element below the bound in turn */
            struct val bv = eval(E, s, f, cl->bound);
            if (bv.kind == V_INT && bv.quarters == 0 && bv.nconst > 0 && !(bv.flags & VF_UNINIT)) {
                int64_t lim = bv.c[0];
                for (int i = 1; i < bv.nconst; i++)
                    if (bv.c[i] < lim)
                        lim = bv.c[i];
                snprintf(suffix, sizeof suffix, "[*%lld]", (long long)(lim < 0 ? 0 : lim));
            } else {
                snprintf(suffix, sizeof suffix, "[*]");
            }
        } else if (iv.kind == V_INT && iv.quarters == 0 && iv.nconst == 1 && iv.c[0] >= 0 &&
                   iv.c[0] < ENGINE_MAX_ELEMENTS && !(iv.flags & VF_UNINIT)) {
            snprintf(suffix, sizeof suffix, "[%lld]", (long long)iv.c[0]);
        } else {
            snprintf(suffix, sizeof suffix, "[]");
        }
        return mloc_sub(b, suffix);
    }
    case E_DEREF: {
        struct val p = eval(E, s, f, e->sub[0]);
        if (p.kind != V_PTR)
            return none;
        fire_access(E, s, p.obj, e->loc, e);
        return engine_obj_loc(E, p.obj, 0);
    }
    case E_CAST:
        return engine_lvalue(E, s, f, e->sub[0]);
    default:
        return none;
    }
}

static str_id name_of_loc_expr(const struct ir_func *f, const struct ir_expr *e)
{
    if (e->kind == E_LOCAL && f && e->local < f->nlocals && f->locals[e->local].is_temp)
        return 0;
    char *t = expr_text(f, e);
    str_id id = str_intern(t);
    free(t);
    return id;
}

/* Reads location `l`: what is stored there, or, for an untouched pointer,
 * a symbolic object standing for whatever it points to. */
struct val state_load(struct engine *E, struct state *s, mloc l, const struct ir_type *ty)
{
    struct val v;
    if (path_has_forall(l.path))
        l.path = slot_path(l.path);
    if (state_lookup(s, l, &v))
        return v;
    /* an element never stored by its own index: what the elements stored
     * through a variable one hold */
    str_id slot = l.path && strchr(str_get(l.path), '[') ? concrete_to_slot(l.path) : 0;
    if (slot && state_lookup(s, mloc_make(l.root, l.id, slot), &v))
        return v;
    if (ty && ty->cls == TY_PTR && l.root != R_LOCAL) {
        int o = engine_obj_symbolic(E, l, 0);
        v = val_ptr(o, true);
        v.flags |= VF_SYMBOLIC;
        state_store(s, l, v);
        return v;
    }
    v = val_top();
    if (ty && ty->cls == TY_INT)
        v = val_unknown_int(Q_ALL, 0, (loc_t){0, 0, 0}, 0);
    return v;
}

/* Reads elements through an index that names no single one (`l` has [*N],
 * [*] or []): the value they all hold, or a group standing for them. */
static struct val load_elements(struct engine *E, struct state *s, const struct ir_func *f, const struct ir_expr *e,
                                mloc l)
{
    const char *pat = str_get(l.path);
    mloc slot = l;
    slot.path = slot_path(l.path);
    int first = -1, count = 0;
    bool same = true, slot_seen = false;
    struct val joined = {0};
    for (int i = 0; i < s->n; i++) {
        bool cov;
        if (s->e[i].l.root != l.root || s->e[i].l.id != l.id || !element_match(str_get(s->e[i].l.path), pat, &cov))
            continue;
        if (s->e[i].l.path == slot.path)
            slot_seen = true;
        if (first < 0) {
            first = i;
            joined = s->e[i].v;
        } else {
            same &= val_equal(&s->e[i].v, &s->e[first].v);
            joined = val_join(&joined, &s->e[i].v);
        }
        count++;
    }
    if (count == 0 || (count == 1 && slot_seen))
        return state_load(E, s, slot, &e->type);
    if (e->type.cls == TY_PTR) {
        if (same && slot_seen)
            return s->e[first].v;
        struct val v = val_ptr(obj_group(E, l, name_of_loc_expr(f, e)), true);
        return v;
    }
    if (!slot_seen) {
        /* elements never stored hold what they held before */
        struct val unk = state_load(E, s, slot, &e->type);
        joined = val_join(&joined, &unk);
    }
    return joined;
}

static struct val load_expr(struct engine *E, struct state *s, const struct ir_func *f, const struct ir_expr *e)
{
    mloc l = engine_lvalue(E, s, f, e);
    if (!mloc_valid(l))
        return e->type.cls == TY_INT ? val_unknown_int(Q_ALL, 0, e->loc, 0) : val_top();
    if (e->type.cls == TY_ARRAY || e->type.cls == TY_RECORD)
        return val_ptr(engine_obj_place(E, l), false);
    if (mloc_is_elements(l) && (e->type.cls == TY_PTR || e->type.cls == TY_INT || e->type.cls == TY_FUNCPTR))
        return load_elements(E, s, f, e, l);
    struct val v = state_load(E, s, l, &e->type);
    if (v.kind == V_PTR && E->objs[v.obj].name == 0)
        E->objs[v.obj].name = name_of_loc_expr(f, e);
    return v;
}

static struct val eval(struct engine *E, struct state *s, const struct ir_func *f, const struct ir_expr *e)
{
    if (!e)
        return val_top();
    switch (e->kind) {
    case E_INT: {
        int64_t c = val_norm32(e->ival, e->type.size ? e->type.size : 4, e->type.is_unsigned);
        if (e->type.cls == TY_PTR || e->type.cls == TY_FUNCPTR)
            c = e->ival;
        return val_int(c, e->text, e->loc);
    }
    case E_STRING:
        return val_ptr(engine_obj_fixed(E, (uint64_t)(uintptr_t)e, "string"), false);
    case E_FUNC:
        return val_func(e->usr);
    case E_LOCAL:
    case E_GLOBAL:
    case E_FIELD:
    case E_INDEX:
    case E_DEREF:
        return load_expr(E, s, f, e);
    case E_ADDR: {
        if (e->sub[0] && e->sub[0]->kind == E_FUNC)
            return val_func(e->sub[0]->usr);
        mloc l = engine_lvalue(E, s, f, e->sub[0]);
        if (!mloc_valid(l))
            return val_top();
        if (l.root == R_OBJ && l.path == 0)
            return val_ptr((int)l.id, false);
        return val_ptr(engine_obj_place(E, l), false);
    }
    case E_CAST: {
        struct val v = eval(E, s, f, e->sub[0]);
        if (v.kind == V_INT && e->type.cls == TY_INT && v.quarters == 0) {
            struct val r = v;
            r.nconst = 0;
            for (int i = 0; i < v.nconst; i++) {
                int64_t c = val_norm32(v.c[i], e->type.size ? e->type.size : 4, e->type.is_unsigned);
                bool dup = false;
                for (int k = 0; k < r.nconst; k++)
                    dup |= r.c[k] == c;
                if (!dup && r.nconst < VAL_MAX_CONST) {
                    r.c[r.nconst] = c;
                    r.ctext[r.nconst] = v.ctext[i];
                    r.cloc[r.nconst] = v.cloc[i];
                    r.nconst++;
                }
            }
            return r;
        }
        return v;
    }
    case E_UNARY: {
        struct val a = eval(E, s, f, e->sub[0]);
        return val_unop(e->op, &a, e->loc, e->type.size ? e->type.size : 4);
    }
    case E_BINARY: {
        struct val a = eval(E, s, f, e->sub[0]);
        struct val b = eval(E, s, f, e->sub[1]);
        if ((e->op == B_EQ || e->op == B_NE) && (a.kind == V_PTR || b.kind == V_PTR)) {
            /* pointer compared with NULL */
            const struct val *p = a.kind == V_PTR ? &a : &b, *o = a.kind == V_PTR ? &b : &a;
            if (o->kind == V_INT && o->nconst == 1 && o->c[0] == 0 && o->quarters == 0 && !p->may_null)
                return val_int(e->op == B_NE, 0, e->loc);
        }
        return val_binop(e->op, &a, &b, e->loc, e->type.size ? e->type.size : 4, e->type.is_unsigned);
    }
    default:
        if (e->type.cls == TY_INT)
            return val_unknown_int(Q_ALL, 0, e->loc, 0);
        return val_top();
    }
}

struct val engine_eval(struct engine *E, struct state *s, const struct ir_func *f, const struct ir_expr *e)
{
    return eval(E, s, f, e);
}

/* ------------------------------------------------------------------ */
/* stores                                                              */

static void fire_store(struct engine *E, struct state *s, mloc l, const struct ir_expr *lhs, const struct val *old,
                       const struct val *v, loc_t loc)
{
    for (int h = 0; h < E->nhooks; h++)
        if (E->hooks[h].on_store)
            E->hooks[h].on_store(E, s, l, lhs, old, v, loc, E->hooks[h].ud);
}

static void fire_escape(struct engine *E, struct state *s, int obj, loc_t loc, str_id why)
{
    for (int h = 0; h < E->nhooks; h++)
        if (E->hooks[h].on_escape)
            E->hooks[h].on_escape(E, s, obj, loc, why, E->hooks[h].ud);
}

/* ------------------------------------------------------------------ */
/* the assumption log                                                  */

const char *assumption_kind_name(enum assumption_kind k)
{
    switch (k) {
    case ASSUME_UNSEEN_CALL: return "unseen-call";
    case ASSUME_TRACKING_ENDED: return "tracking-ended";
    case ASSUME_BOUND: return "bound-reached";
    case ASSUME_LOOP_WIDENED: return "loop-widened";
    case ASSUME_NOT_ANALYSED: return "not-analysed";
    }
    return "assumption";
}

void engine_assume(struct engine *E, enum assumption_kind kind, loc_t loc, int obj, bool owned, str_id subject,
                   const char *reason_fmt, ...)
{
    if (E->no_log)
        return;
    va_list ap;
    va_start(ap, reason_fmt);
    char *why = xvasprintf(reason_fmt, ap);
    va_end(ap);
    str_id reason = str_intern(why);
    free(why);
    str_id root = E->root ? E->root->name : 0;
    uint64_t key = ((uint64_t)kind + 1) * 0x9E3779B97F4A7C15ull;
    key = (key ^ loc.file) * 1000003 ^ loc.line;
    key = (key * 1000003 ^ loc.col) * 1000003 ^ (uint64_t)(uint32_t)obj;
    key = key * 1000003 ^ reason;
    key = key ? key : 1;
    int64_t at;
    if (u64map_get(&E->log_seen, key, &at)) {
        /* seen again: owed on this path makes it one that could hide a finding */
        E->log[at].owned |= owned;
        return;
    }
    if (E->nlog == E->caplog) {
        E->caplog = E->caplog ? E->caplog * 2 : 32;
        E->log = xrealloc(E->log, sizeof *E->log * (size_t)E->caplog);
    }
    E->log[E->nlog] = (struct assumption){kind, loc, reason, subject, obj, root, owned};
    u64map_put(&E->log_seen, key, E->nlog);
    E->nlog++;
}

const struct assumption *engine_assumptions(const struct engine *E, int *n)
{
    *n = E->nlog;
    return E->log;
}

static bool path_has_prefix(str_id path, str_id prefix, const char **rest)
{
    const char *p = str_get(path), *q = str_get(prefix);
    size_t n = strlen(q);
    if (strncmp(p, q, n) != 0)
        return false;
    if (p[n] != 0 && p[n] != '.' && p[n] != '[')
        return false;
    *rest = p + n;
    return true;
}

/* Whole-record copy: every entry under `src` is copied under `dst`. */
static void copy_record(struct engine *E, struct state *s, mloc dst, mloc src, loc_t loc)
{
    int n = s->n;
    struct sent *copy = xmalloc(sizeof(struct sent) * (size_t)(n ? n : 1));
    memcpy(copy, s->e, sizeof(struct sent) * (size_t)n);
    for (int i = 0; i < n; i++) {
        const char *rest;
        if (copy[i].l.root != src.root || copy[i].l.id != src.id || !path_has_prefix(copy[i].l.path, src.path, &rest))
            continue;
        mloc d = mloc_sub(dst, rest);
        struct val old;
        if (!state_lookup(s, d, &old))
            old = val_top();
        state_store(s, d, copy[i].v);
        fire_store(E, s, d, NULL, &old, &copy[i].v, loc);
    }
    free(copy);
}

static const struct ir_expr *strip_casts(const struct ir_expr *e);

static void assign(struct engine *E, struct state *s, const struct ir_func *f, const struct ir_stmt *st,
                   const struct ir_expr *lhs, struct val v)
{
    mloc l = engine_lvalue(E, s, f, lhs);
    if (!mloc_valid(l)) {
        /* Stored where the analysis cannot follow: the object escapes. */
        if (v.kind == V_PTR) {
            char *t = expr_text(f, lhs);
            char *why = xasprintf("stored into '%s', memory the analysis does not model", t);
            fire_escape(E, s, v.obj, st->loc, str_intern(why));
            free(why);
            free(t);
        }
        return;
    }
    struct val old;
    if (!state_lookup(s, l, &old))
        old = val_top();
    if (v.kind == V_PTR) {
        struct obj *o = &E->objs[v.obj];
        /* stored in an element no index names alone: it stands for many */
        if (o->kind == OBJ_ALLOC && mloc_is_elements(l))
            o->summary = true;
        bool to_local = lhs->kind == E_LOCAL;
        bool better = o->named_by_local && !to_local && o->kind == OBJ_ALLOC &&
                      (l.root == R_GLOBAL || (l.root == R_OBJ && E->objs[l.id].kind == OBJ_ALLOC));
        /* a helper's `*Out = p` is better named by what the caller stores it in */
        better |= o->kind == OBJ_ALLOC && s->depth < o->name_depth;
        if (o->name == 0 || better) {
            str_id n = name_of_loc_expr(f, lhs);
            /* `*Out = p` in a helper called as Helper(&ctx->Log): the
             * caller's name for that place. */
            const struct ir_expr *ptr = lhs->kind == E_DEREF ? strip_casts(lhs->sub[0]) : NULL;
            struct val pv;
            if (ptr && ptr->kind == E_LOCAL && state_lookup(s, mloc_make(R_LOCAL, local_id(s, ptr->local), 0), &pv) &&
                pv.kind == V_PTR && E->objs[pv.obj].kind == OBJ_PLACE && E->objs[pv.obj].name &&
                E->objs[pv.obj].name_depth < s->depth)
                n = E->objs[pv.obj].name;
            if (n) {
                o->name = n;
                o->named_by_local = to_local;
                o->name_depth = s->depth;
            }
        }
    }
    state_store(s, l, v);
    fire_store(E, s, l, lhs, &old, &v, st->loc);
}

/* ------------------------------------------------------------------ */
/* calls                                                               */

static bool is_copy_routine(const char *n)
{
    return !strcmp(n, "memcpy") || !strcmp(n, "memmove") || !strcmp(n, "RtlCopyMemory") ||
           !strcmp(n, "RtlMoveMemory") || !strcmp(n, "__builtin_memcpy");
}

struct block_states {
    struct state **v;
    int n;
};

static void run_function(struct engine *E, int func, struct state **init, int ninit, struct block_states *exits);

/* The routine a call names: the macro written at the call site when the
 * rule pack or a hook knows it, else the declared callee. */
static str_id call_name(const struct ir_call *c)
{
    return c->callee_name ? c->callee_name : c->macro_name;
}

/* A call the engine does not follow, logged: a bound (an analysed helper
 * not followed here) or code it cannot see. Returns how a pointer handed
 * to it is described ("passed to 'Foo', which ..."); 0 for system code. */
static str_id unseen_call(struct engine *E, const struct ir_func *f, const struct ir_stmt *st, const struct ir_call *c,
                          int callee, bool recursive)
{
    str_id name = call_name(c);
    const struct ir_func *def = callee >= 0 ? E->m->funcs[callee].def : NULL;
    char *why = NULL;
    if (c->noreturn)
        return 0; /* the path ends in it: nothing after it is assumed */
    if (def) {
        const char *bound = def->lowering_incomplete ? "its body was not fully understood"
                            : recursive ? "it is recursive"
                            : E->nactive >= ENGINE_MAX_INLINE_DEPTH ? "the call depth bound was reached"
                            : E->budget <= 0 ? "the statement budget of this callback was spent"
                            : NULL;
        if (!bound)
            return 0; /* the bottom-up summary pass: nothing is logged there */
        enum assumption_kind k = def->lowering_incomplete ? ASSUME_NOT_ANALYSED : ASSUME_BOUND;
        engine_assume(E, k, st->loc, -1, false, name,
                      "'%s' not followed here (%s): its returns come from its summary, its effects on resources are not seen",
                      str_get(name), bound);
        why = xasprintf("passed to '%s', which was not followed (%s)", str_get(name), bound);
    } else if (c->callee_usr && c->callee_in_system_header) {
        return 0;
    } else if (c->callee_usr || (!c->callee && c->callee_name)) {
        engine_assume(E, ASSUME_UNSEEN_CALL, st->loc, -1, false, name,
                      "'%s' has no body in the analysed sources", str_get(name));
        why = xasprintf("passed to '%s', which has no body in the analysed sources", str_get(name));
    } else {
        char *t = c->callee ? expr_text(f, c->callee) : xstrdup("a function pointer");
        engine_assume(E, ASSUME_UNSEEN_CALL, st->loc, -1, false, str_intern(t),
                      "an indirect call through '%s' (the callee is not known)", t);
        why = xasprintf("passed to an indirect call through '%s'", t);
        free(t);
    }
    str_id id = str_intern(why);
    free(why);
    return id;
}

/* What a routine outside the analysis is documented to return, if a hook
 * knows (the macro written at the call site first). */
static bool external_result(struct engine *E, struct state *s, struct call_site *cs, const struct ir_call *c,
                            struct val *r)
{
    for (int h = 0; h < E->nhooks; h++) {
        if (!E->hooks[h].external_result)
            continue;
        cs->name = c->macro_name ? c->macro_name : call_name(c);
        bool known = E->hooks[h].external_result(E, s, cs, r, E->hooks[h].ud);
        if (!known && c->macro_name && c->callee_name) {
            cs->name = call_name(c);
            known = E->hooks[h].external_result(E, s, cs, r, E->hooks[h].ud);
        }
        cs->name = call_name(c);
        if (known)
            return true;
    }
    return false;
}

/* Executes a call in state s; the resulting states (s itself and any
 * forks or inlined outcomes) are appended to `out`. */
static void exec_call(struct engine *E, struct state *s, const struct ir_func *f, const struct ir_stmt *st,
                      const struct ir_expr *call_e, const struct ir_expr *lhs, struct block_states *out)
{
    const struct ir_call *c = call_e->call;
    struct val args_buf[16];
    mloc places_buf[16];
    int nargs = c->nargs < 16 ? c->nargs : 16;
    for (int i = 0; i < nargs; i++) {
        args_buf[i] = eval(E, s, f, c->args[i]);
        places_buf[i] = mloc_make(R_NONE, 0, 0);
        if (c->args[i]->kind == E_ADDR)
            places_buf[i] = engine_lvalue(E, s, f, c->args[i]->sub[0]);
        else if (c->args[i]->kind == E_CAST && c->args[i]->sub[0]->kind == E_ADDR)
            places_buf[i] = engine_lvalue(E, s, f, c->args[i]->sub[0]->sub[0]);
    }
    struct call_site cs = {f, st, c, call_name(c), args_buf, nargs, places_buf, mloc_make(R_NONE, 0, 0), s->depth};
    if (lhs)
        cs.result_loc = engine_lvalue(E, s, f, lhs);
    if (c->callee)
        (void)eval(E, s, f, c->callee);

    /* Rules' models first (acquire/release routines). */
    E->nforks = 0;
    struct val result = val_top();
    bool handled = false;
    for (int h = 0; h < E->nhooks && !handled; h++) {
        if (!E->hooks[h].on_call)
            continue;
        /* A hook may name the routine by the macro written at the call site. */
        cs.name = c->macro_name ? c->macro_name : call_name(c);
        if (E->hooks[h].on_call(E, s, &cs, &result, E->hooks[h].ud))
            handled = true;
        cs.name = call_name(c);
        if (!handled && c->macro_name && c->callee_name &&
            E->hooks[h].on_call(E, s, &cs, &result, E->hooks[h].ud))
            handled = true;
    }
    if (handled) {
        int nf = E->nforks;
        struct state **forks = xmalloc(sizeof(struct state *) * (size_t)(nf ? nf : 1));
        if (nf)
            memcpy(forks, E->forks, sizeof(struct state *) * (size_t)nf);
        E->nforks = 0;
        if (lhs && !s->dead)
            assign(E, s, f, st, lhs, result);
        out->v[out->n++] = s;
        for (int i = 0; i < nf; i++) {
            /* a fork carries its own result in retval */
            struct state *fs = forks[i];
            if (lhs && !fs->dead)
                assign(E, fs, f, st, lhs, fs->retval);
            fs->retval = val_top();
            fs->retval.kind = V_NONE;
            out->v[out->n++] = fs;
        }
        free(forks);
        return;
    }
    const char *name = str_get(call_name(c));
    if (is_copy_routine(name) && nargs >= 2 && args_buf[0].kind == V_PTR && args_buf[1].kind == V_PTR) {
        copy_record(E, s, engine_obj_loc(E, args_buf[0].obj, 0), engine_obj_loc(E, args_buf[1].obj, 0), st->loc);
        if (lhs)
            assign(E, s, f, st, lhs, args_buf[0]);
        out->v[out->n++] = s;
        return;
    }
    int callee = c->callee_usr ? model_func(E->m, c->callee_usr) : -1;
    bool recursive = false;
    for (int i = 0; i < E->nactive; i++)
        if (E->active[i] == callee)
            recursive = true;
    if (callee >= 0 && E->m->funcs[callee].def && !E->m->funcs[callee].def->lowering_incomplete &&
        !recursive && E->nactive < ENGINE_MAX_INLINE_DEPTH && E->budget > 0 && !E->summary_only) {
        /* An analysed helper: run it on this state, in a new frame. */
        const struct ir_func *cf = E->m->funcs[callee].def;
        E->callstack[E->ncallstack++] = st;
        /* Places handed by address (&ctx->Log) keep the caller's name. */
        for (int i = 0; i < nargs; i++) {
            if (!mloc_valid(places_buf[i]) || args_buf[i].kind != V_PTR)
                continue;
            struct obj *po = &E->objs[args_buf[i].obj];
            if (po->kind == OBJ_PLACE && (po->name == 0 || po->name_depth > s->depth)) {
                const struct ir_expr *a = strip_casts(c->args[i]);
                po->name = a && a->kind == E_ADDR ? name_of_loc_expr(f, a->sub[0]) : 0;
                po->name_depth = s->depth;
            }
        }
        state_note(E, s, st->loc, "calling '%s'", str_get(cf->name));
        s->depth++;
        for (int i = 0; i < cf->nparams; i++) {
            struct val v = i < nargs ? args_buf[i] : val_top();
            state_store(s, mloc_make(R_LOCAL, local_id(s, i), 0), v);
        }
        struct state *one[1] = {s};
        struct block_states exits = {xmalloc(sizeof(struct state *) * (ENGINE_MAX_STATES * 4 + 4)), 0};
        int saved_block = E->cur_block, saved_stmt = E->cur_stmt;
        run_function(E, callee, one, 1, &exits);
        E->cur_block = saved_block;
        E->cur_stmt = saved_stmt;
        E->ncallstack--;
        for (int i = 0; i < exits.n; i++) {
            struct state *x = exits.v[i];
            /* Drop the callee's frame. */
            int k = 0;
            for (int j = 0; j < x->n; j++) {
                if (x->e[j].l.root == R_LOCAL && (x->e[j].l.id >> LOCAL_INDEX_BITS) > (uint32_t)(x->depth - 1))
                    continue;
                x->e[k++] = x->e[j];
            }
            x->n = k;
            x->depth--;
            struct val rv = x->retval;
            x->retval = val_top();
            x->retval.kind = V_NONE;
            state_note(E, x, st->loc, "returning from '%s'", str_get(cf->name));
            if (lhs && !x->dead)
                assign(E, x, f, st, lhs, rv);
            out->v[out->n++] = x;
        }
        free(exits.v);
        return;
    }
    /* The summary pass iterates from "returns nothing yet": a call to an
     * analysed function without a summary so far ends the path (it has not
     * been seen to return; a later round sees more). */
    if (E->summary_only && callee >= 0 && E->m->funcs[callee].def && !E->m->funcs[callee].def->lowering_incomplete &&
        E->m->funcs[callee].def->ret.cls == TY_INT && (!E->summaries || E->summaries[callee].kind == V_NONE)) {
        s->dead = true;
        out->v[out->n++] = s;
        return;
    }
    /* Code the analysis cannot see (or does not follow here). */
    bool system = c->callee_usr && c->callee_in_system_header;
    str_id why = unseen_call(E, f, st, c, callee, recursive);
    for (int i = 0; i < nargs; i++) {
        if (!system && !c->noreturn && args_buf[i].kind == V_PTR)
            fire_escape(E, s, args_buf[i].obj, st->loc, why);
        /* &x handed to unknown code: x may be written. */
        if (mloc_valid(places_buf[i])) {
            struct val unk = val_unknown_int(Q_ALL, VF_EXTERNAL, st->loc, call_name(c));
            struct val old;
            bool holds_ptr = state_lookup(s, places_buf[i], &old) && old.kind == V_PTR;
            if (holds_ptr) {
                if (!system)
                    fire_escape(E, s, old.obj, st->loc, why);
                unk = val_top();
                unk.flags = VF_EXTERNAL;
            }
            /* A system routine is trusted not to overwrite a pointer it is
             * handed the address of. */
            if (!system || !holds_ptr)
                state_store(s, places_buf[i], unk);
        }
    }
    if (lhs) {
        struct val r;
        if (callee >= 0 && E->summaries && E->summaries[callee].kind != V_NONE) {
            /* An analysed function that is not followed here (recursion,
             * depth, budget, or the bottom-up summary pass): what it returns
             * on any path, computed once from its body. */
            r = E->summaries[callee];
        } else if (call_e->type.cls == TY_INT && external_result(E, s, &cs, c, &r)) {
            /* what the routine is documented to return */
        } else if (call_e->type.cls == TY_INT)
            r = val_unknown_int(Q_ALL, VF_EXTERNAL, st->loc, call_name(c));
        else {
            r = val_top();
            r.flags = VF_EXTERNAL;
            r.origin = st->loc;
            r.origin_name = call_name(c);
        }
        assign(E, s, f, st, lhs, r);
    }
    out->v[out->n++] = s;
}

/* ------------------------------------------------------------------ */
/* branches                                                            */

static const struct ir_expr *strip_casts(const struct ir_expr *e)
{
    while (e && e->kind == E_CAST)
        e = e->sub[0];
    return e;
}

static bool is_place(const struct ir_expr *e)
{
    e = strip_casts(e);
    return e && (e->kind == E_LOCAL || e->kind == E_GLOBAL || e->kind == E_FIELD || e->kind == E_DEREF ||
                 e->kind == E_INDEX);
}

static void fire_null(struct engine *E, struct state *s, int obj)
{
    for (int h = 0; h < E->nhooks; h++)
        if (E->hooks[h].on_null)
            E->hooks[h].on_null(E, s, obj, E->hooks[h].ud);
}

/* Restricts the value at place `x` by `x op k`; false if infeasible. */
static bool refine_place(struct engine *E, struct state *s, const struct ir_func *f, const struct ir_expr *x,
                         enum ir_op op, int64_t k)
{
    const struct ir_expr *sx = strip_casts(x);
    mloc l = engine_lvalue(E, s, f, sx);
    struct val v = !mloc_valid(l) ? eval(E, s, f, sx)
                   : mloc_is_elements(l) && (sx->type.cls == TY_PTR || sx->type.cls == TY_INT)
                       ? load_elements(E, s, f, sx, l)
                       : state_load(E, s, l, &sx->type);
    bool is_signed = !x->type.is_unsigned;
    if (x->type.cls == TY_INT && x->type.size == 4 && v.kind == V_INT)
        k = is_signed ? (int64_t)(int32_t)k : (int64_t)(uint32_t)k;
    bool was_ptr = v.kind == V_PTR;
    int obj = v.obj;
    bool group = was_ptr && E->objs[obj].kind == OBJ_GROUP;
    if (!val_refine_cmp(&v, op, k, is_signed))
        return false;
    if (was_ptr && v.kind == V_INT)
        fire_null(E, s, obj);
    /* a test of the element a loop is at says nothing of the others */
    if (mloc_valid(l) && !group && !(mloc_is_elements(l) && path_has_forall(l.path)))
        state_store(s, l, v);
    return true;
}

/* Restricts state s by `e` being `truth`; returns false if no path. */
static bool refine(struct engine *E, struct state *s, const struct ir_func *f, const struct ir_expr *e, bool truth)
{
    e = strip_casts(e);
    if (!e)
        return true;
    if (e->kind == E_UNARY && e->op == U_NOT)
        return refine(E, s, f, e->sub[0], !truth);
    if (e->kind == E_BINARY && e->op >= B_EQ && e->op <= B_GE) {
        enum ir_op op = truth ? e->op : ir_op_negate(e->op);
        const struct ir_expr *a = e->sub[0], *b = e->sub[1];
        struct val va = eval(E, s, f, a), vb = eval(E, s, f, b);
        bool a_const = va.kind == V_INT && va.nconst == 1 && va.quarters == 0 && !(va.flags & VF_UNINIT);
        bool b_const = vb.kind == V_INT && vb.nconst == 1 && vb.quarters == 0 && !(vb.flags & VF_UNINIT);
        /* (x >> 30) == k: the severity of an NTSTATUS (NT_ERROR etc.) */
        const struct ir_expr *sa = strip_casts(a);
        if (b_const && sa->kind == E_BINARY && sa->op == B_SHR && (op == B_EQ || op == B_NE)) {
            struct val sh = eval(E, s, f, sa->sub[1]);
            if (sh.kind == V_INT && sh.nconst == 1 && sh.c[0] == 30 && is_place(sa->sub[0])) {
                const struct ir_expr *x = strip_casts(sa->sub[0]);
                mloc l = engine_lvalue(E, s, f, x);
                if (mloc_valid(l)) {
                    struct val v = state_load(E, s, l, &x->type);
                    if (!val_refine_severity(&v, (int)vb.c[0], op == B_EQ))
                        return false;
                    state_store(s, l, v);
                    return true;
                }
            }
        }
        if (b_const && is_place(a))
            return refine_place(E, s, f, a, op, vb.c[0]);
        if (a_const && is_place(b))
            return refine_place(E, s, f, b, ir_op_swap(op), va.c[0]);
        struct val r = val_binop(op, &va, &vb, e->loc, 4, false);
        enum truth t = val_truth(&r);
        return t != T_FALSE;
    }
    if (is_place(e))
        return refine_place(E, s, f, e, truth ? B_NE : B_EQ, 0);
    struct val v = eval(E, s, f, e);
    enum truth t = val_truth(&v);
    if (t == T_MAYBE)
        return true;
    return (t == T_TRUE) == truth;
}

/* ------------------------------------------------------------------ */
/* branch notes                                                        */

static const char *op_words(enum ir_op op)
{
    switch (op) {
    case B_EQ: return "is equal to";
    case B_NE: return "is not equal to";
    case B_LT: return "is less than";
    case B_LE: return "is at most";
    case B_GT: return "is greater than";
    case B_GE: return "is at least";
    default: return "?";
    }
}

/* "'ctx' is NULL", "'count' is greater than 4": what a branch assumed. */
static char *describe_generic(const struct ir_func *f, const struct ir_expr *e, bool truth)
{
    e = strip_casts(e);
    if (!e)
        return NULL;
    if (e->kind == E_UNARY && e->op == U_NOT)
        return describe_generic(f, e->sub[0], !truth);
    if (is_place(e)) {
        char *t = expr_text(f, e);
        char *r;
        if (e->type.cls == TY_PTR || e->type.cls == TY_FUNCPTR)
            r = xasprintf("assuming '%s' is %s", t, truth ? "not NULL" : "NULL");
        else
            r = xasprintf("assuming '%s' is %s", t, truth ? "not 0" : "0");
        free(t);
        return r;
    }
    if (e->kind == E_BINARY && e->op >= B_EQ && e->op <= B_GE) {
        enum ir_op op = truth ? e->op : ir_op_negate(e->op);
        const struct ir_expr *a = strip_casts(e->sub[0]), *b = strip_casts(e->sub[1]);
        if (a->kind == E_INT && is_place(b)) {
            const struct ir_expr *t = a;
            a = b;
            b = t;
            op = ir_op_swap(op);
        }
        if (!is_place(a) || b->kind != E_INT)
            return NULL;
        char *x = expr_text(f, a), *k = expr_text(f, b);
        char *r;
        if (b->ival == 0 && (a->type.cls == TY_PTR || a->type.cls == TY_FUNCPTR) && (op == B_EQ || op == B_NE))
            r = xasprintf("assuming '%s' is %s", x, op == B_EQ ? "NULL" : "not NULL");
        else
            r = xasprintf("assuming '%s' %s %s", x, op_words(op), k);
        free(x);
        free(k);
        return r;
    }
    return NULL;
}

static void note_branch(struct engine *E, struct state *s, const struct ir_func *f, const struct ir_term *t, bool truth)
{
    char *why = NULL;
    for (int h = 0; h < E->nhooks && !why; h++)
        if (E->hooks[h].describe_branch)
            why = E->hooks[h].describe_branch(E, f, t->cond, truth, E->hooks[h].ud);
    if (!why)
        why = describe_generic(f, t->cond, truth);
    if (why)
        state_note(E, s, t->loc, "%s", why);
    state_note(E, s, t->loc, "taking %s branch", truth ? "true" : "false");
    free(why);
}

/* ------------------------------------------------------------------ */
/* the worklist                                                        */

struct block_in {
    struct state *st[ENGINE_MAX_STATES];
    int n;
    int visits;
};

static uint64_t state_key(struct engine *E, const struct state *s)
{
    /* What a helper returns is a property of its exit states. */
    uint64_t k = s->retval.kind == V_NONE ? 0 : val_hash(&s->retval);
    for (int h = 0; h < E->nhooks; h++)
        if (E->hooks[h].key)
            k = k * 1000003 ^ E->hooks[h].key(E, s, E->hooks[h].ud);
    return k;
}

/* Adds state s to a block's input set (ESP: join with a state of the same
 * property, else add, else join into the last). Takes ownership. Returns
 * true if the block's input changed. */
static uint64_t state_coarse_key(struct engine *E, const struct state *s)
{
    uint64_t k = 0;
    for (int h = 0; h < E->nhooks; h++)
        if (E->hooks[h].coarse_key)
            k = k * 1000003 ^ E->hooks[h].coarse_key(E, s, E->hooks[h].ud);
    return k;
}

/* Where a block is, for the log: its first statement, else its end, else
 * the function. */
static loc_t block_loc(const struct ir_func *f, int bi)
{
    const struct ir_block *b = &f->blocks[bi];
    if (loc_valid(b->loc))
        return b->loc;
    if (loc_valid(b->term.loc))
        return b->term.loc;
    return f->loc;
}

static bool block_add(struct engine *E, const struct ir_func *f, struct block_in *b, struct state *s, loc_t at)
{
    uint64_t k = state_key(E, s);
    bool widen = b->visits >= WIDEN_AFTER;
    for (int i = 0; i < b->n; i++) {
        if (state_key(E, b->st[i]) == k) {
            bool changed = state_join(b->st[i], s, widen);
            state_free(s);
            if (changed)
                b->st[i]->dirty = true;
            if (changed && widen && f)
                engine_assume(E, ASSUME_LOOP_WIDENED, f->loc, -1, false, f->name,
                              "a loop in '%s' was widened after %d rounds: the values it changes are known only by "
                              "their range", str_get(f->name), WIDEN_AFTER);
            return changed;
        }
    }
    if (b->n < ENGINE_MAX_STATES) {
        s->dirty = true;
        b->st[b->n++] = s;
        return true;
    }
    /* Too many properties: join into a state that agrees on the coarse
     * property, else into the last. */
    uint64_t ck = state_coarse_key(E, s);
    int into = b->n - 1;
    for (int i = b->n - 1; i >= 0; i--)
        if (state_coarse_key(E, b->st[i]) == ck) {
            into = i;
            break;
        }
    bool changed = state_join(b->st[into], s, widen);
    state_free(s);
    if (changed)
        b->st[into]->dirty = true;
    engine_assume(E, ASSUME_BOUND, at, -1, false, 0,
                  "more than %d distinct states reached this point: paths that differ were joined", ENGINE_MAX_STATES);
    return changed;
}

static void fire_exit(struct engine *E, struct state *s, const struct ir_term *t, const struct val *rv)
{
    for (int h = 0; h < E->nhooks; h++)
        if (E->hooks[h].on_exit)
            E->hooks[h].on_exit(E, s, t, rv, E->hooks[h].ud);
}

/* Runs the statements of block `bi` on state `s`; results in `out`. */
static void run_block(struct engine *E, const struct ir_func *f, int bi, struct state *s, struct block_states *cur)
{
    const struct ir_block *b = &f->blocks[bi];
    /* Helpers are followed while the budget lasts; past it, calls are
     * treated as code the analysis cannot see (nothing is claimed). */
    E->budget -= b->nstmts + 1;
    cur->n = 0;
    cur->v[cur->n++] = s;
    for (int i = 0; i < b->nstmts; i++) {
        const struct ir_stmt *st = &b->stmts[i];
        struct block_states next = {xmalloc(sizeof(struct state *) * (size_t)(cur->n * (ENGINE_MAX_STATES * 4 + 4) + 4)), 0};
        for (int k = 0; k < cur->n; k++) {
            struct state *x = cur->v[k];
            if (x->dead) {
                next.v[next.n++] = x;
                continue;
            }
            E->cur_block = bi;
            E->cur_stmt = i;
            switch (st->kind) {
            case S_DECL:
                if (f->locals[st->local].type.cls != TY_RECORD && f->locals[st->local].type.cls != TY_ARRAY)
                    state_store(x, mloc_make(R_LOCAL, local_id(x, st->local), 0), val_uninit(st->loc));
                next.v[next.n++] = x;
                break;
            case S_ASSIGN:
                if (st->rhs && st->rhs->kind == E_CALL) {
                    exec_call(E, x, f, st, st->rhs, st->lhs, &next);
                } else if (st->lhs->type.cls == TY_RECORD) {
                    mloc dst = engine_lvalue(E, x, f, st->lhs);
                    mloc src = engine_lvalue(E, x, f, st->rhs);
                    if (mloc_valid(dst) && mloc_valid(src))
                        copy_record(E, x, dst, src, st->loc);
                    next.v[next.n++] = x;
                } else {
                    struct val v = eval(E, x, f, st->rhs);
                    if (!x->dead)
                        assign(E, x, f, st, st->lhs, v);
                    next.v[next.n++] = x;
                }
                break;
            case S_CALL:
                exec_call(E, x, f, st, st->rhs, NULL, &next);
                break;
            case S_EVAL:
                (void)eval(E, x, f, st->rhs);
                next.v[next.n++] = x;
                break;
            }
        }
        free(cur->v);
        *cur = next;
    }
}

/* Temporaries introduced by lowering hold a value from its definition to
 * its single use. Dropping them after that block keeps states from growing
 * with the length of the function. kill_at[t]: the block after which
 * temporary t is dead (-1: keep). */
static void note_reads(const struct ir_expr *e, int block, int *kill_at, int *reads)
{
    if (!e)
        return;
    if (e->kind == E_LOCAL) {
        if (reads[e->local]++ == 0)
            kill_at[e->local] = block;
        else if (kill_at[e->local] != block)
            kill_at[e->local] = -1;
        return;
    }
    if (e->kind == E_CALL) {
        for (int i = 0; i < e->call->nargs; i++)
            note_reads(e->call->args[i], block, kill_at, reads);
        note_reads(e->call->callee, block, kill_at, reads);
        return;
    }
    note_reads(e->sub[0], block, kill_at, reads);
    note_reads(e->sub[1], block, kill_at, reads);
}

static int *temp_kill_blocks(const struct ir_func *f)
{
    int *kill_at = xmalloc(sizeof(int) * (size_t)(f->nlocals + 1));
    int *reads = xcalloc((size_t)f->nlocals + 1, sizeof(int));
    for (int i = 0; i < f->nlocals; i++)
        kill_at[i] = -1;
    for (int b = 0; b < f->nblocks; b++) {
        const struct ir_block *bl = &f->blocks[b];
        for (int i = 0; i < bl->nstmts; i++) {
            const struct ir_stmt *st = &bl->stmts[i];
            note_reads(st->rhs, b, kill_at, reads);
            /* the target of a store is not a read, but what indexes it is */
            if (st->lhs && st->lhs->kind != E_LOCAL)
                note_reads(st->lhs, b, kill_at, reads);
        }
        note_reads(bl->term.cond, b, kill_at, reads);
    }
    for (int i = 0; i < f->nlocals; i++) {
        if (!f->locals[i].is_temp)
            kill_at[i] = -1;
        else if (reads[i] == 0)
            kill_at[i] = -2; /* never read: never worth storing */
    }
    free(reads);
    return kill_at;
}

static void kill_temps(struct state *s, const int *kill_at, int nlocals, int block)
{
    int k = 0;
    for (int j = 0; j < s->n; j++) {
        const struct sent *e = &s->e[j];
        if (e->l.root == R_LOCAL && (e->l.id >> LOCAL_INDEX_BITS) == (uint32_t)s->depth && e->l.path == 0) {
            int idx = (int)(e->l.id & ((1u << LOCAL_INDEX_BITS) - 1));
            if (idx < nlocals && (kill_at[idx] == block || kill_at[idx] == -2))
                continue;
        }
        s->e[k++] = s->e[j];
    }
    s->n = k;
}

static void run_function(struct engine *E, int func, struct state **init, int ninit, struct block_states *exits)
{
    const struct ir_func *f = E->m->funcs[func].def;
    int *kill_at = temp_kill_blocks(f);
    E->active[E->nactive++] = func;
    struct block_in *in = xcalloc((size_t)f->nblocks, sizeof *in);
    int *work = xmalloc(sizeof(int) * (size_t)(f->nblocks + 1) * 2);
    bool *queued = xcalloc((size_t)f->nblocks, sizeof(bool));
    int head = 0, tail = 0, cap = (f->nblocks + 1) * 2;
    for (int i = 0; i < ninit; i++)
        block_add(E, f, &in[0], init[i], block_loc(f, 0));
    work[tail++ % cap] = 0;
    queued[0] = true;
    /* exits of this frame, joined by property */
    struct block_in out_set = {{0}, 0, 0};
    while (head != tail) {
        int bi = work[head++ % cap];
        queued[bi] = false;
        struct block_in *bin = &in[bi];
        if (++bin->visits > MAX_BLOCK_VISITS) {
            /* should not happen with widening; stay bounded regardless */
            engine_assume(E, ASSUME_BOUND, block_loc(f, bi), -1, false, 0,
                          "this point was visited %d times without reaching a fixed point: later paths not followed",
                          MAX_BLOCK_VISITS);
            for (int i = 0; i < bin->n; i++)
                bin->st[i]->dirty = false;
            continue;
        }
        for (int si = 0; si < bin->n; si++) {
            if (!bin->st[si]->dirty)
                continue;
            bin->st[si]->dirty = false;
            struct state *s = state_clone(bin->st[si]);
            struct block_states cur = {xmalloc(sizeof(struct state *) * 4), 0};
            run_block(E, f, bi, s, &cur);
            E->cur_block = bi;
            E->cur_stmt = INT_MAX;
            const struct ir_term *t = &f->blocks[bi].term;
            for (int k = 0; k < cur.n; k++) {
                struct state *x = cur.v[k];
                if (x->dead) {
                    state_free(x);
                    continue;
                }
                int succ[2] = {-1, -1};
                struct state *xs[2] = {NULL, NULL};
                switch (t->kind) {
                case T_GOTO:
                    succ[0] = t->succ[0];
                    xs[0] = x;
                    break;
                case T_BRANCH: {
                    if (!t->cond) {
                        succ[0] = t->succ[0];
                        succ[1] = t->succ[1];
                        xs[0] = x;
                        xs[1] = state_clone(x);
                        break;
                    }
                    struct state *y = state_clone(x);
                    bool ft = refine(E, x, f, t->cond, true);
                    bool ff = refine(E, y, f, t->cond, false);
                    if (ft && ff) {
                        note_branch(E, x, f, t, true);
                        note_branch(E, y, f, t, false);
                    }
                    if (ft && !x->dead) {
                        succ[0] = t->succ[0];
                        xs[0] = x;
                    } else {
                        state_free(x);
                    }
                    if (ff && !y->dead) {
                        succ[1] = t->succ[1];
                        xs[1] = y;
                    } else {
                        state_free(y);
                    }
                    break;
                }
                case T_SWITCH: {
                    struct val cv = eval(E, x, f, t->cond);
                    for (int c = 0; c < t->ncases; c++) {
                        struct state *y = state_clone(x);
                        bool ok = true;
                        if (is_place(t->cond))
                            ok = refine_place(E, y, f, t->cond, B_EQ, t->cases[c]);
                        else if (cv.kind == V_INT && cv.quarters == 0) {
                            ok = false;
                            for (int q = 0; q < cv.nconst; q++)
                                ok |= cv.c[q] == val_norm32(t->cases[c], 4, false);
                        }
                        if (ok) {
                            kill_temps(y, kill_at, f->nlocals, bi);
                            state_note(E, y, t->loc, "control jumps to 'case %lld:'", (long long)t->cases[c]);
                            if (block_add(E, f, &in[t->case_succ[c]], y, block_loc(f, t->case_succ[c])) && !queued[t->case_succ[c]]) {
                                work[tail++ % cap] = t->case_succ[c];
                                queued[t->case_succ[c]] = true;
                            }
                        } else {
                            state_free(y);
                        }
                    }
                    bool ok = true;
                    for (int c = 0; c < t->ncases && ok; c++)
                        if (is_place(t->cond))
                            ok = refine_place(E, x, f, t->cond, B_NE, t->cases[c]);
                    if (ok) {
                        succ[0] = t->succ[0];
                        xs[0] = x;
                    } else {
                        state_free(x);
                    }
                    break;
                }
                case T_RETURN: {
                    struct val rv = val_top();
                    rv.kind = V_NONE;
                    if (t->cond)
                        rv = eval(E, x, f, t->cond);
                    if (x->dead) {
                        state_free(x);
                        break;
                    }
                    if (E->nactive == 1) {
                        fire_exit(E, x, t, &rv);
                        state_free(x);
                    } else {
                        x->retval = rv;
                        if (t->cond)
                            state_note(E, x, t->loc, "returning here");
                        block_add(E, f, &out_set, x, f->end_loc);
                    }
                    break;
                }
                case T_NORETURN:
                case T_NONE:
                    state_free(x);
                    break;
                }
                for (int q = 0; q < 2; q++) {
                    if (!xs[q])
                        continue;
                    kill_temps(xs[q], kill_at, f->nlocals, bi);
                    if (block_add(E, f, &in[succ[q]], xs[q], block_loc(f, succ[q])) && !queued[succ[q]]) {
                        work[tail++ % cap] = succ[q];
                        queued[succ[q]] = true;
                    }
                }
            }
            free(cur.v);
        }
    }
    for (int i = 0; i < f->nblocks; i++)
        for (int k = 0; k < in[i].n; k++)
            state_free(in[i].st[k]);
    for (int k = 0; k < out_set.n; k++)
        exits->v[exits->n++] = out_set.st[k];
    free(in);
    free(work);
    free(queued);
    free(kill_at);
    E->nactive--;
}

void engine_apply_initializers(struct engine *E, struct state *s)
{
    for (int g = 0; g < E->m->nglobals; g++) {
        const struct ir_global *gd = E->m->globals[g].def;
        if (!gd)
            continue;
        for (int i = 0; i < gd->ninit; i++) {
            const struct ir_stmt *st = &gd->init[i];
            if (st->kind != S_ASSIGN || !st->rhs || st->rhs->kind == E_CALL)
                continue;
            mloc l = engine_lvalue(E, s, NULL, st->lhs);
            struct val v = eval(E, s, NULL, st->rhs);
            if (mloc_valid(l) && (v.kind == V_INT || v.kind == V_FUNC || v.kind == V_PTR))
                state_store(s, l, v);
        }
    }
}

void engine_run(struct engine *E, int func, struct state **init, int ninit)
{
    E->root = E->m->funcs[func].def;
    E->nactive = 0;
    E->ncallstack = 0;
    E->budget = ENGINE_INLINE_BUDGET;
    struct block_states exits = {xmalloc(sizeof(struct state *) * (ENGINE_MAX_STATES * 4 + 4)), 0};
    run_function(E, func, init, ninit, &exits);
    for (int i = 0; i < exits.n; i++)
        state_free(exits.v[i]);
    free(exits.v);
    E->root = NULL;
}
