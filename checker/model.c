#include "model.h"

#include <stdlib.h>
#include <string.h>

/* ---- idmap ---- */

void idmap_put(struct idmap *m, str_id key, int val)
{
    if (key)
        u64map_put(&m->map, key, val);
}

int idmap_get(const struct idmap *m, str_id key)
{
    int64_t v;
    return u64map_get(&m->map, key, &v) ? (int)v : -1;
}

void idmap_free(struct idmap *m)
{
    u64map_free(&m->map);
}

/* ---- records of the dump interface ---- */

static bool record_is(str_id record, const char *name)
{
    const char *r = str_get(record);
    while (*r == '_')
        r++;
    return strcmp(r, name) == 0;
}

bool model_is_init_data_record(str_id record)
{
    return record_is(record, "FILTER_INITIALIZATION_DATA");
}

bool model_is_filter_extension_record(str_id record)
{
    return record_is(record, "FILTER_EXTENSION");
}

/* ---- linking ---- */

int model_func(const struct model *m, str_id usr)
{
    return idmap_get(&m->func_index, usr);
}

int model_global(const struct model *m, str_id usr)
{
    return idmap_get(&m->global_index, usr);
}

static int add_func(struct model *m, str_id usr, str_id name)
{
    int i = model_func(m, usr);
    if (i >= 0)
        return i;
    if (m->nfuncs == m->capfuncs) {
        m->capfuncs = m->capfuncs ? m->capfuncs * 2 : 64;
        m->funcs = xrealloc(m->funcs, sizeof(struct mfunc) * (size_t)m->capfuncs);
    }
    struct mfunc *f = &m->funcs[m->nfuncs];
    memset(f, 0, sizeof *f);
    f->usr = usr;
    f->name = name;
    f->tu = -1;
    idmap_put(&m->func_index, usr, m->nfuncs);
    return m->nfuncs++;
}

static void add_edge(int **v, int *n, int x)
{
    for (int i = 0; i < *n; i++)
        if ((*v)[i] == x)
            return;
    /* capacity: the next power of two at or above n */
    if ((*n & (*n - 1)) == 0)
        *v = xrealloc(*v, sizeof(int) * (size_t)(*n ? *n * 2 : 4));
    (*v)[(*n)++] = x;
}

/* `new` and `delete` name the global allocation function they call: the
 * driver's own definition of it (operator new written over a pool
 * routine), chosen by arity as overload resolution would for its
 * arguments, or none. */
static str_id global_operator_usr(const struct model *m, const struct ir_call *c)
{
    if (!c->callee_name || strncmp(str_get(c->callee_name), "operator ", 9) != 0)
        return 0;
    /* delete may call the sized form, operator delete(void *, size_t) */
    bool is_delete = !strncmp(str_get(c->callee_name), "operator delete", 15);
    str_id sized = 0;
    for (int i = 0; i < m->nfuncs; i++) {
        const struct ir_func *f = m->funcs[i].def;
        if (!f || f->name != c->callee_name || strncmp(str_get(f->usr), "c:@F@", 5) != 0)
            continue;
        if (f->nparams == c->nargs)
            return f->usr;
        if (is_delete && c->nargs == 1 && f->nparams == 2)
            sized = f->usr;
    }
    return sized;
}

static void link_calls_in_expr(struct model *m, int from, const struct ir_expr *e)
{
    if (!e)
        return;
    if (e->kind == E_CALL) {
        struct ir_call *c = e->call;
        if (!c->callee_usr && !c->callee)
            c->callee_usr = global_operator_usr(m, c);
        if (c->callee_usr) {
            int to = model_func(m, c->callee_usr);
            if (to >= 0) {
                c->callee_has_body = m->funcs[to].def != NULL;
                add_edge(&m->funcs[from].callees, &m->funcs[from].ncallees, to);
                add_edge(&m->funcs[to].callers, &m->funcs[to].ncallers, from);
            }
        }
        for (int i = 0; i < c->nargs; i++)
            link_calls_in_expr(m, from, c->args[i]);
        return;
    }
    link_calls_in_expr(m, from, e->sub[0]);
    link_calls_in_expr(m, from, e->sub[1]);
}

static void build_call_graph(struct model *m)
{
    for (int i = 0; i < m->nfuncs; i++) {
        struct ir_func *f = m->funcs[i].def;
        if (!f)
            continue;
        for (int b = 0; b < f->nblocks; b++) {
            for (int s = 0; s < f->blocks[b].nstmts; s++)
                link_calls_in_expr(m, i, f->blocks[b].stmts[s].rhs);
        }
    }
}

int model_resolve_function(const struct model *m, const struct ir_func *in, const struct ir_expr *e,
                           bool *through_cast, str_id *via)
{
    for (int depth = 0; e && depth < 16; depth++) {
        switch (e->kind) {
        case E_CAST:
            if (through_cast)
                *through_cast = true;
            e = e->sub[0];
            continue;
        case E_ADDR:
        case E_DEREF:
            e = e->sub[0];
            continue;
        case E_FUNC:
            return model_func(m, e->usr);
        case E_GLOBAL: {
            /* A function-pointer variable: its initializer. */
            int g = model_global(m, e->usr);
            if (g < 0 || !m->globals[g].def)
                return -1;
            if (via)
                *via = e->text;
            const struct ir_global *gd = m->globals[g].def;
            const struct ir_expr *init = NULL;
            for (int i = 0; i < gd->ninit; i++)
                if (gd->init[i].lhs && gd->init[i].lhs->kind == E_GLOBAL)
                    init = gd->init[i].rhs;
            e = init;
            in = NULL;
            continue;
        }
        case E_LOCAL: {
            /* A local holding a function pointer (or the temporary of
             * `p ? p : F`): the one function its assignments can give. */
            if (!in)
                return -1;
            int found = -1;
            for (int b = 0; b < in->nblocks; b++)
                for (int s = 0; s < in->blocks[b].nstmts; s++) {
                    const struct ir_stmt *st = &in->blocks[b].stmts[s];
                    if (st->kind != S_ASSIGN || st->lhs->kind != E_LOCAL || st->lhs->local != e->local)
                        continue;
                    if (st->rhs->kind == E_INT)
                        continue; /* NULL */
                    const struct ir_expr *v = st->rhs;
                    if (v->kind == E_LOCAL && v->local == e->local)
                        continue;
                    /* what cannot be resolved (a table entry) is some
                     * other routine; two different functions: ambiguous */
                    int f = v->kind == E_LOCAL ? -1 : model_resolve_function(m, in, v, through_cast, NULL);
                    if (f < 0)
                        continue;
                    if (found >= 0 && f != found)
                        return -1;
                    found = f;
                }
            if (found >= 0 && via && !in->locals[e->local].is_temp)
                *via = in->locals[e->local].name;
            return found;
        }
        default:
            return -1;
        }
    }
    return -1;
}

static void add_registration(struct model *m, const struct ir_stmt *st, const struct ir_func *in, int in_func)
{
    const struct ir_expr *lhs = st->lhs;
    if (st->kind != S_ASSIGN || !lhs || lhs->kind != E_FIELD || !model_is_init_data_record(lhs->record))
        return;
    enum dump_role role = role_from_field(str_get(lhs->text));
    if (role == ROLE_NONE)
        return;
    struct registration r;
    memset(&r, 0, sizeof r);
    r.role = role;
    r.site = st->loc;
    r.in_func = in_func;
    r.stmt = st;
    r.func = -1;
    if (role != ROLE_DATA) {
        r.func = model_resolve_function(m, in, st->rhs, &r.through_cast, &r.via);
        if (r.func < 0) {
            /* NULL clears a role: not a registration. */
            const struct ir_expr *v = st->rhs;
            while (v && v->kind == E_CAST)
                v = v->sub[0];
            if (v && v->kind == E_INT)
                return;
        } else {
            r.func_name = m->funcs[r.func].name;
        }
    }
    if (m->nregs == m->capregs) {
        m->capregs = m->capregs ? m->capregs * 2 : 16;
        m->regs = xrealloc(m->regs, sizeof(struct registration) * (size_t)m->capregs);
    }
    m->regs[m->nregs++] = r;
}

static void find_registrations(struct model *m)
{
    for (int i = 0; i < m->nfuncs; i++) {
        struct ir_func *f = m->funcs[i].def;
        if (!f)
            continue;
        for (int b = 0; b < f->nblocks; b++)
            for (int s = 0; s < f->blocks[b].nstmts; s++)
                add_registration(m, &f->blocks[b].stmts[s], f, i);
    }
    for (int g = 0; g < m->nglobals; g++) {
        struct ir_global *gd = m->globals[g].def;
        if (!gd)
            continue;
        for (int s = 0; s < gd->ninit; s++)
            add_registration(m, &gd->init[s], NULL, -1);
    }
}

static bool has_param_of_record(const struct ir_func *f, bool (*pred)(str_id))
{
    for (int i = 0; i < f->nparams; i++)
        if (f->locals[i].type.cls == TY_PTR && pred(f->locals[i].type.record))
            return true;
    return false;
}

/* The entry point: the outermost analysed function from which the
 * registering code is reached (DriverEntry calling XxxDumpFilterEntry). */
static void find_entry(struct model *m)
{
    m->entry = -1;
    int registering = -1;
    for (int i = 0; i < m->nregs; i++)
        if (m->regs[i].in_func >= 0) {
            registering = m->regs[i].in_func;
            break;
        }
    if (registering < 0) {
        /* Registration only in a global initializer (copied into the
         * caller's structure): the function that takes the structure. */
        for (int i = 0; i < m->nfuncs; i++)
            if (m->funcs[i].def && has_param_of_record(m->funcs[i].def, model_is_init_data_record)) {
                registering = i;
                break;
            }
        if (registering < 0)
            for (int i = 0; i < m->nfuncs; i++)
                if (m->funcs[i].def && !strcmp(str_get(m->funcs[i].name), "DriverEntry"))
                    registering = i;
        if (registering < 0)
            return;
    }
    int cur = registering;
    int steps = 0;
    char *chain = xstrdup(str_get(m->funcs[registering].name));
    while (m->funcs[cur].ncallers > 0 && steps++ < 16) {
        /* Prefer a caller named DriverEntry, else the first. */
        int next = m->funcs[cur].callers[0];
        for (int i = 0; i < m->funcs[cur].ncallers; i++)
            if (!strcmp(str_get(m->funcs[m->funcs[cur].callers[i]].name), "DriverEntry"))
                next = m->funcs[cur].callers[i];
        if (next == cur)
            break;
        char *c = xasprintf("%s -> %s", str_get(m->funcs[next].name), chain);
        free(chain);
        chain = c;
        cur = next;
    }
    m->entry = cur;
    if (cur == registering)
        m->entry_why = xasprintf("it fills FILTER_INITIALIZATION_DATA itself and no analysed function calls it");
    else
        m->entry_why = xasprintf("it is the outermost caller of the code that fills FILTER_INITIALIZATION_DATA (%s)", chain);
    free(chain);
}

/* Linking: the first definition of a function or global wins, and what
 * declarations say is accumulated. That is idempotent, which is why a
 * header block shared by many TUs is linked only once (with its first TU)
 * with the same result as linking every TU's copy. Within a TU, functions,
 * then declarations, then globals, each the block's before the TU's own,
 * as if the block were part of the TU's text (the model's order of
 * functions follows). */
static void link_funcs(struct model *m, const struct tu_facts *f, int t)
{
    for (int i = 0; i < f->nfuncs; i++) {
        struct ir_func *fn = f->funcs[i];
        int k = add_func(m, fn->usr, fn->name);
        if (!m->funcs[k].def) {
            m->funcs[k].def = fn;
            m->funcs[k].tu = t;
            m->funcs[k].is_static = fn->is_static;
            m->funcs[k].canon_type = fn->canon_type;
        }
    }
}

static void link_decls(struct model *m, const struct tu_facts *f)
{
    for (int i = 0; i < f->ndecls; i++) {
        const struct ir_decl *d = &f->decls[i];
        int k = add_func(m, d->usr, d->name);
        struct mfunc *mf = &m->funcs[k];
        if (!loc_valid(mf->decl_loc))
            mf->decl_loc = d->loc;
        if (d->role_typedef && role_from_typedef(str_get(d->role_typedef)) != ROLE_NONE && !mf->role_typedef) {
            mf->role_typedef = d->role_typedef;
            mf->role_decl_loc = d->loc;
        }
        if (!mf->canon_type)
            mf->canon_type = d->canon_type;
        mf->noreturn |= d->noreturn;
        mf->is_static |= d->is_static;
    }
}

static void link_globals(struct model *m, const struct tu_facts *f)
{
    for (int i = 0; i < f->nglobals; i++) {
        struct ir_global *g = f->globals[i];
        int k = model_global(m, g->usr);
        if (k < 0) {
            if (m->nglobals == m->capglobals) {
                m->capglobals = m->capglobals ? m->capglobals * 2 : 64;
                m->globals = xrealloc(m->globals, sizeof(struct mglobal) * (size_t)m->capglobals);
            }
            k = m->nglobals++;
            memset(&m->globals[k], 0, sizeof m->globals[k]);
            m->globals[k].usr = g->usr;
            m->globals[k].name = g->name;
            idmap_put(&m->global_index, g->usr, k);
        }
        if (!m->globals[k].def || (g->ninit > 0 && m->globals[k].def->ninit == 0))
            m->globals[k].def = g;
    }
}

void model_build(struct model *m, struct tu_facts *tus, int ntus, const struct rulepack *rp)
{
    memset(m, 0, sizeof *m);
    m->tus = tus;
    m->ntus = ntus;
    m->rp = rp;
    m->entry = -1;
    m->blocks = xcalloc((size_t)(2 * ntus + 1), sizeof *m->blocks);
    struct u64map seen_prefixes = {0};
    for (int t = 0; t < ntus; t++) {
        for (int r = 0; r < ROLE_COUNT && r < 8; r++)
            if (!m->role_canon_type[r])
                m->role_canon_type[r] = tus[t].role_canon_type[r];
        const struct tu_facts *parts[2];
        int nparts = 0;
        const struct shared_facts *pre = tus[t].prefix;
        int64_t dummy;
        if (pre && !u64map_get(&seen_prefixes, pre->id, &dummy)) {
            u64map_put(&seen_prefixes, pre->id, 1);
            parts[nparts++] = &pre->facts;
        }
        parts[nparts++] = &tus[t];
        for (int i = 0; i < nparts; i++)
            link_funcs(m, parts[i], t);
        for (int i = 0; i < nparts; i++)
            link_decls(m, parts[i]);
        for (int i = 0; i < nparts; i++)
            link_globals(m, parts[i]);
        for (int i = 0; i < nparts; i++)
            m->blocks[m->nblocks++] = parts[i];
    }
    u64map_free(&seen_prefixes);
    build_call_graph(m);
    find_registrations(m);
    find_entry(m);
}

void model_free(struct model *m)
{
    for (int i = 0; i < m->nfuncs; i++) {
        free(m->funcs[i].callees);
        free(m->funcs[i].callers);
    }
    free(m->funcs);
    free(m->globals);
    free(m->regs);
    free(m->entry_why);
    free(m->blocks);
    idmap_free(&m->func_index);
    idmap_free(&m->global_index);
    for (int t = 0; t < m->ntus; t++)
        tu_facts_free(&m->tus[t]);
    free(m->tus);
    memset(m, 0, sizeof *m);
}

int model_role_functions(const struct model *m, enum dump_role role, int *out, int max)
{
    int n = 0;
    for (int i = 0; i < m->nregs; i++) {
        if (m->regs[i].role != role || m->regs[i].func < 0)
            continue;
        bool dup = false;
        for (int j = 0; j < n; j++)
            if (out[j] == m->regs[i].func)
                dup = true;
        if (!dup && n < max)
            out[n++] = m->regs[i].func;
    }
    return n;
}
