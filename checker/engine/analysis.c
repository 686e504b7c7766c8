/* Runs the roots in the order the system calls them: the entry point
 * (paths that register the filter), then Dump_Start, then Dump_Unload and
 * the other callbacks, each from what the earlier ones left for the dump
 * stack. Rules subscribe to the events. */
#include "analysis.h"

#include <stdlib.h>
#include <string.h>

#include "../proof.h"

void analysis_subscribe(struct analysis *a, const struct analysis_hooks *h)
{
    if (a->nhooks < (int)(sizeof a->hooks / sizeof a->hooks[0]))
        a->hooks[a->nhooks++] = *h;
}

const char *analysis_root_name(const struct analysis *a)
{
    if (a->root_func < 0)
        return "";
    return str_get(a->m->funcs[a->root_func].name);
}

/* Is `l` inside the body of the function named `name`? */
static bool loc_in_function(const struct model *m, str_id name, loc_t l)
{
    for (int i = 0; i < m->nfuncs; i++) {
        const struct ir_func *f = m->funcs[i].def;
        if (f && f->name == name && f->loc.file == l.file && f->loc.line <= l.line && l.line <= f->end_loc.line)
            return true;
    }
    return false;
}

static bool starts_with(str_id s, const char *prefix)
{
    return strncmp(str_get(s), prefix, strlen(prefix)) == 0;
}

/* The function a "calling 'X'" event names. */
static str_id called_name(const struct event *e)
{
    const char *m = str_get(e->msg);
    const char *q = strchr(m, '\'');
    if (!q)
        return 0;
    const char *end = strchr(q + 1, '\'');
    return end ? str_intern_n(q + 1, (size_t)(end - q - 1)) : 0;
}

struct note_ctx {
    struct analysis *a;
    struct diag *d;
    const struct event **ev;
    int n;
    const loc_t *interesting;
    int ninteresting;
};

/* Index of the event returning from the call at `k`, or n. */
static int matching_return(const struct note_ctx *c, int k)
{
    for (int i = k + 1; i < c->n; i++)
        if (c->ev[i]->depth == c->ev[k]->depth && starts_with(c->ev[i]->msg, "returning from"))
            return i;
    return c->n;
}

/* A helper's steps matter when something the finding points at happened
 * inside it (or in what it called). */
static bool segment_matters(const struct note_ctx *c, int from, int to)
{
    for (int i = from; i < to && i < c->n; i++) {
        if (!starts_with(c->ev[i]->msg, "calling"))
            continue;
        str_id fn = called_name(c->ev[i]);
        for (int k = 0; k < c->ninteresting; k++)
            if (loc_in_function(c->a->m, fn, c->interesting[k]))
                return true;
    }
    return false;
}

static void emit_range(struct note_ctx *c, int from, int to)
{
    for (int i = from; i < to; i++) {
        const struct event *e = c->ev[i];
        if (starts_with(e->msg, "calling")) {
            int r = matching_return(c, i);
            if (!segment_matters(c, i, r + 1)) {
                i = r;
                continue;
            }
            diag_add_note(c->d, e->loc, "%s", str_get(e->msg));
            emit_range(c, i + 1, r < c->n ? r : c->n);
            if (r < c->n)
                diag_add_note(c->d, c->ev[r]->loc, "%s", str_get(c->ev[r]->msg));
            i = r;
            continue;
        }
        diag_add_note(c->d, e->loc, "%s", str_get(e->msg));
    }
}

void analysis_add_path_notes(struct analysis *a, struct diag *d, const struct state *s)
{
    if (!s || !s->trace)
        return;
    /* Events are linked newest first; notes read oldest first. Long paths
     * keep their last events. */
    enum { MAX_EVENTS = 400, MAX_NOTES = 40 };
    const struct event *rev[MAX_EVENTS];
    int n = 0;
    for (const struct event *e = s->trace; e && n < MAX_EVENTS; e = e->prev)
        rev[n++] = e;
    const struct event *ev[MAX_EVENTS];
    for (int i = 0; i < n; i++)
        ev[i] = rev[n - 1 - i];
    loc_t interesting[16];
    int ni = 0;
    interesting[ni++] = d->loc;
    for (int i = 0; i < d->nnotes && ni < 16; i++)
        interesting[ni++] = d->notes[i].loc;
    struct note_ctx c = {a, d, ev, n, interesting, ni};
    int before = d->nnotes;
    emit_range(&c, 0, n);
    int added = d->nnotes - before;
    if (added > MAX_NOTES) {
        /* keep the notes closest to the finding */
        int drop = added - MAX_NOTES;
        for (int i = before; i < before + drop; i++)
            free(d->notes[i].msg);
        memmove(&d->notes[before], &d->notes[before + drop], sizeof(struct diag_note) * (size_t)MAX_NOTES);
        d->nnotes -= drop;
        diag_add_note(d, d->notes[before].loc, "(%d earlier steps of this path not shown)", drop);
        /* move that note in front of the kept steps */
        struct diag_note last = d->notes[d->nnotes - 1];
        memmove(&d->notes[before + 1], &d->notes[before], sizeof(struct diag_note) * (size_t)(d->nnotes - 1 - before));
        d->notes[before] = last;
    }
}

struct diag *analysis_report(struct analysis *a, const struct check *c, const struct state *s, loc_t loc,
                             str_id subject, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    struct diag *d = diag_add(a->out, c->id, c->default_sev, loc, "%s", msg);
    free(msg);
    d->function = a->root_func >= 0 ? a->m->funcs[a->root_func].name : 0;
    d->subject = subject;
    (void)s;
    return d;
}

/* ---- engine hooks that feed the rules ---- */

bool analysis_rule_enabled(const struct analysis *a, const char *id)
{
    return a->checks && checks_glob_enabled(a->checks, id);
}

/* ---- the account of what was proved (proof.h) ---- */

static void describe_const(struct strbuf *b, int64_t c, str_id text)
{
    const char *name = ntstatus_name((uint32_t)c);
    if (name)
        sb_puts(b, name);
    else if (text && str_get(text)[0] && !(str_get(text)[0] >= '0' && str_get(text)[0] <= '9'))
        sb_printf(b, "%s (0x%08x)", str_get(text), (unsigned)(uint32_t)c);
    else
        sb_printf(b, "0x%08x", (unsigned)(uint32_t)c);
}

/* What a root returns on its paths, in words. */
static char *describe_returns(const struct val *v)
{
    struct strbuf b = {0};
    if (v->kind == V_NONE)
        return xstrdup("nothing: no path returns");
    if (v->kind == V_TOP)
        return xstrdup("an unknown value");
    if (v->kind == V_PTR || v->kind == V_FUNC)
        return xstrdup("a pointer");
    for (int i = 0; i < v->nconst; i++) {
        if (b.n)
            sb_puts(&b, ", ");
        describe_const(&b, v->c[i], v->ctext[i]);
    }
    static const struct { uint8_t q; const char *what; } qs[] = {
        {Q_ZERO, "STATUS_SUCCESS"}, {Q_SUCC, "another success code"}, {Q_INFO, "an informational status"},
        {Q_WARN, "a warning status"}, {Q_ERR, "an error status"},
    };
    if (v->quarters) {
        if (b.n)
            sb_puts(&b, ", ");
        bool first = true;
        if ((v->quarters & Q_ALL) == Q_ALL) {
            sb_puts(&b, "any value");
        } else {
            for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++)
                if (v->quarters & qs[i].q) {
                    sb_printf(&b, "%s%s", first ? "" : " or ", qs[i].what);
                    first = false;
                }
        }
        if ((v->flags & VF_EXTERNAL) && v->origin_name)
            sb_printf(&b, " (from '%s')", str_get(v->origin_name));
    }
    if (v->flags & VF_UNINIT)
        sb_printf(&b, "%san uninitialized value", b.n ? ", " : "");
    return b.n ? sb_take(&b) : xstrdup("an unknown value");
}

static void proof_add_root(struct analysis *a, int func, enum dump_role role, bool analysed, const struct val *ret)
{
    struct proof *p = a->proof;
    if (!p)
        return;
    const struct mfunc *mf = &a->m->funcs[func];
    if (p->ncb == p->capcb) {
        p->capcb = p->capcb ? p->capcb * 2 : 8;
        p->cb = xrealloc(p->cb, sizeof *p->cb * (size_t)p->capcb);
    }
    struct proof_callback *c = &p->cb[p->ncb++];
    memset(c, 0, sizeof *c);
    c->name = mf->name;
    c->role = role;
    c->loc = mf->def ? mf->def->loc : mf->decl_loc;
    c->analysed = analysed;
    if (analysed && mf->def && mf->def->ret.cls == TY_INT)
        c->returns = describe_returns(ret);
}

/* The resources the dump stack owes, as the releasing role starts. */
static void proof_set_owed(struct analysis *a, const struct state *dump_stack)
{
    struct proof *p = a->proof;
    if (!p || !dump_stack)
        return;
    for (int i = 0; i < dump_stack->nr; i++) {
        const struct rsrc *r = &dump_stack->r[i];
        struct obj *o = engine_obj(a->E, r->obj);
        if (!(r->st & RS_OWNED) || !o || !loc_valid(o->site))
            continue;
        if (p->nres == p->capres) {
            p->capres = p->capres ? p->capres * 2 : 8;
            p->res = xrealloc(p->res, sizeof *p->res * (size_t)p->capres);
        }
        struct proof_resource *pr = &p->res[p->nres++];
        memset(pr, 0, sizeof *pr);
        pr->obj = r->obj;
        pr->name = o->name;
        pr->acquirer = o->routine;
        pr->role = o->role;
        pr->site = o->site;
        pr->family = xstrdup(family_desc(a, r->family >= 0 ? r->family : o->family));
    }
}

static void proof_add_release(struct proof_resource *pr, const struct proof_release *rel)
{
    for (int i = 0; i < pr->nrel; i++) {
        const struct proof_release *x = &pr->rel[i];
        if (x->what == rel->what && x->at.file == rel->at.file && x->at.line == rel->at.line &&
            x->at.col == rel->at.col && x->path_end.line == rel->path_end.line &&
            x->path_end.file == rel->path_end.file && x->in_func == rel->in_func)
            return;
    }
    if (pr->nrel == pr->caprel) {
        pr->caprel = pr->caprel ? pr->caprel * 2 : 4;
        pr->rel = xrealloc(pr->rel, sizeof *pr->rel * (size_t)pr->caprel);
    }
    pr->rel[pr->nrel++] = *rel;
}

/* A path of the releasing callback ends: what became of each owed resource. */
static void proof_on_release_exit(struct analysis *a, const struct state *s, const struct ir_term *t)
{
    struct proof *p = a->proof;
    for (int i = 0; p && i < p->nres; i++) {
        struct proof_resource *pr = &p->res[i];
        const struct rsrc *r = NULL;
        for (int k = 0; k < s->nr; k++)
            if (s->r[k].obj == pr->obj)
                r = &s->r[k];
        struct proof_release rel = {0};
        rel.path_end = t->loc;
        rel.in_func = a->m->funcs[a->root_func].name;
        if (!r) {
            rel.what = PO_NOT_RELEASED;
            rel.at = t->loc;
            proof_add_release(pr, &rel);
            continue;
        }
        if (r->st & RS_RELEASED) {
            rel.what = PO_RELEASED;
            rel.at = loc_valid(r->rel_loc) ? r->rel_loc : t->loc;
            rel.routine = r->rel_routine;
            proof_add_release(pr, &rel);
        }
        rel.at = t->loc;
        rel.routine = 0;
        if (r->st & RS_OWNED) {
            rel.what = PO_NOT_RELEASED;
            proof_add_release(pr, &rel);
        }
        if (r->st & RS_NULL) {
            rel.what = PO_NULL;
            proof_add_release(pr, &rel);
        }
        if (r->st & RS_ESCAPED) {
            rel.what = PO_UNTRACKED;
            proof_add_release(pr, &rel);
        }
    }
}

static void proof_take_assumptions(struct analysis *a)
{
    struct proof *p = a->proof;
    if (!p)
        return;
    int n;
    const struct assumption *as = engine_assumptions(a->E, &n);
    p->as = xcalloc((size_t)n + 1, sizeof *p->as);
    for (int i = 0; i < n; i++) {
        struct proof_assumption *x = &p->as[p->nas++];
        x->kind = assumption_kind_name(as[i].kind);
        x->loc = as[i].loc;
        x->reason = as[i].reason;
        x->subject = as[i].subject;
        x->root = as[i].root;
        x->could_hide = as[i].owned && (as[i].kind == ASSUME_TRACKING_ENDED || as[i].kind == ASSUME_NOT_ANALYSED);
    }
}

struct run_ctx {
    struct analysis *a;
    /* exits collected for the next roots */
    struct state *persist;
    bool collect;
    bool require_registration;
    int returned[8];
    int nreturned;
    struct val summary;           /* summary pass: the join of what it returns */
    struct val returns;           /* what the root returns on its paths (for the account) */
};

static void on_exit_hook(struct engine *E, struct state *s, const struct ir_term *t, const struct val *ret, void *ud)
{
    struct run_ctx *rc = ud;
    struct analysis *a = rc->a;
    (void)E;
    if (a->summarizing) {
        rc->summary = val_join(&rc->summary, ret);
        return;
    }
    if (!s->dead) {
        rc->returns = rc->returns.kind == V_NONE ? *ret : val_join(&rc->returns, ret);
        if (a->root_role == ROOT_CALLBACK && a->rp && a->role == a->rp->release_role)
            proof_on_release_exit(a, s, t);
    }
    for (int i = 0; i < a->nhooks && !s->dead; i++)
        if (a->hooks[i].on_exit)
            a->hooks[i].on_exit(a, a->hooks[i].check, s, t, ret);
    if (!rc->collect || s->dead)
        return;
    if (rc->require_registration && !state_fact(s, str_intern("registered")))
        return;
    /* An entry point that fails loads no dump stack: it owes nothing. */
    if (rc->require_registration && val_definitely_failure(ret))
        return;
    struct state *p = state_clone(s);
    resources_persist(E, p);
    if (!rc->persist)
        rc->persist = p;
    else {
        state_join(rc->persist, p, false);
        state_free(p);
    }
}

/* The path registered the filter ("registered") and which roles
 * ("registered-roles", a bit per role): properties paths are told apart by. */
static void note_registration(struct state *s, enum dump_role role, loc_t loc)
{
    state_set_fact(s, str_intern("registered"), val_int(1, 0, loc));
    const struct val *roles = state_fact(s, str_intern("registered-roles"));
    int64_t bits = roles && roles->nconst == 1 ? roles->c[0] : 0;
    state_set_fact(s, str_intern("registered-roles"), val_int(bits | (1 << role), 0, loc));
}

static void on_store_hook(struct engine *E, struct state *s, mloc l, const struct ir_expr *lhs, const struct val *old,
                          const struct val *v, loc_t loc, void *ud)
{
    struct run_ctx *rc = ud;
    struct analysis *a = rc->a;
    (void)E;
    if (a->summarizing)
        return;
    /* A store into FILTER_INITIALIZATION_DATA, or a whole copy of one
     * (`*Data = init;`, RtlCopyMemory) landing on a callback field. */
    enum dump_role copied = ROLE_NONE;
    if (!lhs && l.path) {
        const char *p = strrchr(str_get(l.path), '.');
        copied = p ? role_from_field(p + 1) : ROLE_NONE;
    }
    if (copied != ROLE_NONE && copied != ROLE_DATA && v->kind == V_FUNC)
        note_registration(s, copied, loc);
    if (copied == ROLE_DATA)
        state_set_fact(s, str_intern("DumpData"), *v);
    if (lhs && lhs->kind == E_FIELD && model_is_init_data_record(lhs->record)) {
        enum dump_role role = role_from_field(str_get(lhs->text));
        if (role == ROLE_DATA)
            state_set_fact(s, str_intern("DumpData"), *v);
        else if (role != ROLE_NONE && v->kind == V_FUNC)
            note_registration(s, role, loc);
    }
    for (int i = 0; i < a->nhooks && !s->dead; i++)
        if (a->hooks[i].on_store)
            a->hooks[i].on_store(a, a->hooks[i].check, s, l, lhs, old, v, loc);
}

/* Registering and non-registering paths of an entry point are never
 * joined: only the former owe the dump stack anything. */
/* ...and the value the root will return is the other property paths are
 * told apart by (the status rules' verdict depends on it). */
static uint64_t registered_key(struct engine *E, const struct state *s, void *ud)
{
    struct run_ctx *rc = ud;
    (void)E;
    const struct val *roles = state_fact(s, str_intern("registered-roles"));
    uint64_t k = roles ? (uint64_t)(roles->nconst == 1 ? roles->c[0] : 0xffff) + 1 : 0;
    for (int i = 0; i < rc->nreturned; i++) {
        struct val v;
        if (state_lookup(s, mloc_make(R_LOCAL, (uint32_t)rc->returned[i], 0), &v))
            k = k * 1000003 + (v.kind == V_INT ? val_hash(&v) : v.kind);
    }
    return k;
}

static uint64_t registered_coarse_key(struct engine *E, const struct state *s, void *ud)
{
    (void)E, (void)ud;
    return state_fact(s, str_intern("registered")) != NULL;
}

/* Locals the root returns directly (`return status;`). */
static int returned_locals(const struct ir_func *f, int *out, int max)
{
    int n = 0;
    for (int b = 0; b < f->nblocks; b++) {
        const struct ir_term *t = &f->blocks[b].term;
        const struct ir_expr *e = t->cond;
        while (e && e->kind == E_CAST)
            e = e->sub[0];
        if (t->kind != T_RETURN || !e || e->kind != E_LOCAL)
            continue;
        int idx = e->local;
        /* a temporary of a __try return: the local assigned to it */
        bool dup = false;
        for (int i = 0; i < n; i++)
            dup |= out[i] == idx;
        if (!dup && n < max)
            out[n++] = idx;
    }
    return n;
}

/* NT_SUCCESS(x), NT_ERROR(x), x < 0 on an NTSTATUS: say it in its terms. */
static char *describe_status_branch(struct engine *E, const struct ir_func *f, const struct ir_expr *cond, bool truth,
                                    void *ud)
{
    (void)E, (void)ud;
    const struct ir_expr *e = cond;
    while (e && e->kind == E_CAST)
        e = e->sub[0];
    if (e && e->kind == E_UNARY && e->op == U_NOT)
        return describe_status_branch(E, f, e->sub[0], !truth, ud);
    if (!e || e->kind != E_BINARY || e->op < B_EQ || e->op > B_GE)
        return NULL;
    const struct ir_expr *x = e->sub[0], *k = e->sub[1];
    if (!k || k->kind != E_INT)
        return NULL;
    /* NT_SUCCESS: ((NTSTATUS)(x)) >= 0 */
    if (x->kind == E_CAST && !strcmp(str_get(x->type.spelling), "NTSTATUS") && k->ival == 0 &&
        (e->op == B_GE || e->op == B_LT)) {
        bool success = (e->op == B_GE) == truth;
        char *t = expr_text(f, x);
        char *r = xasprintf("assuming '%s' is %s", t, success ? "a success code" : "not a success code");
        free(t);
        return r;
    }
    /* NT_ERROR/NT_WARNING/NT_INFORMATION: ((ULONG)(x) >> 30) == 3/2/1 */
    if (x->kind == E_BINARY && x->op == B_SHR && x->sub[1] && x->sub[1]->kind == E_INT && x->sub[1]->ival == 30 &&
        (e->op == B_EQ || e->op == B_NE) && k->ival >= 1 && k->ival <= 3) {
        static const char *const sev[] = {"", "an informational status", "a warning status", "an error status"};
        bool is = (e->op == B_EQ) == truth;
        char *t = expr_text(f, x->sub[0]);
        char *r = xasprintf("assuming '%s' is %s%s", t, is ? "" : "not ", sev[k->ival]);
        free(t);
        return r;
    }
    return NULL;
}

/* ---- roots ---- */

static struct state *initial_state(struct analysis *a, int func, const struct state *persist)
{
    struct engine *E = a->E;
    struct state *s = persist ? state_clone(persist) : state_new();
    const struct ir_func *f = a->m->funcs[func].def;
    if (!persist)
        engine_apply_initializers(E, s);
    for (int i = 0; i < f->nparams; i++) {
        mloc pl = mloc_make(R_LOCAL, (uint32_t)i, 0);
        const struct ir_local *p = &f->locals[i];
        struct val v;
        if (p->type.cls == TY_PTR && a->root_role == ROOT_CALLBACK && model_is_filter_extension_record(p->type.record)) {
            v = val_ptr(a->fe_obj, false);
        } else if (p->type.cls == TY_PTR) {
            v = val_ptr(engine_obj_symbolic(E, pl, p->name), true);
        } else if (p->type.cls == TY_INT) {
            v = val_unknown_int(Q_ALL, 0, p->loc, 0);
        } else {
            v = val_top();
        }
        state_store(s, pl, v);
    }
    if (a->root_role == ROOT_CALLBACK) {
        /* FilterExtension->DumpData is what the entry point stored in
         * FILTER_INITIALIZATION_DATA.DumpData. */
        mloc dd = mloc_make(R_OBJ, (uint32_t)a->fe_obj, str_intern(".DumpData"));
        const struct val *stored = persist ? state_fact(persist, str_intern("DumpData")) : NULL;
        struct val v;
        if (stored && stored->kind == V_PTR)
            v = *stored;
        else
            v = val_ptr(engine_obj_symbolic(E, dd, str_intern("FilterExtension->DumpData")), true);
        if (!state_lookup(s, dd, NULL))
            state_store(s, dd, v);
    }
    return s;
}

static struct state *run_root(struct analysis *a, int func, enum root_role rr, enum dump_role role,
                              const struct state *persist, bool collect, bool require_registration)
{
    const struct mfunc *mf = &a->m->funcs[func];
    if (!mf->def)
        return NULL;
    if (mf->def->lowering_incomplete) {
        engine_assume(a->E, ASSUME_NOT_ANALYSED, mf->def->loc, -1, a->owed_count > 0 || rr == ROOT_ENTRY, mf->name,
                      "the body of '%s' was not fully understood: it was not analysed", str_get(mf->name));
        proof_add_root(a, func, role, false, NULL);
        return NULL;
    }
    a->root_func = func;
    a->root_role = rr;
    a->role = role;
    struct run_ctx rc = {a, NULL, collect, require_registration, {0}, 0, val_top(), val_top()};
    rc.returns.kind = V_NONE;
    rc.nreturned = returned_locals(mf->def, rc.returned, 8);
    struct engine_hooks h;
    memset(&h, 0, sizeof h);
    h.ud = &rc;
    h.on_exit = on_exit_hook;
    h.on_store = on_store_hook;
    h.key = registered_key;
    h.coarse_key = registered_coarse_key;
    /* The run's own hooks sit last; remove them after the run. */
    engine_add_hooks(a->E, &h);
    struct state *init = initial_state(a, func, persist);
    engine_run(a->E, func, &init, 1);
    engine_pop_hooks(a->E);
    proof_add_root(a, func, role, true, &rc.returns);
    a->root_func = -1;
    return rc.persist;
}

static void run_callbacks(struct analysis *a, enum dump_role role, const struct state *persist)
{
    int funcs[16];
    int n = model_role_functions(a->m, role, funcs, 16);
    for (int i = 0; i < n; i++) {
        struct state *p = run_root(a, funcs[i], ROOT_CALLBACK, role, persist, false, false);
        state_free(p);
    }
}

/* Post-order over the call graph from `f`: callees before callers. */
static void postorder(const struct model *m, int f, unsigned char *seen, int *order, int *n)
{
    /* iterative, so deep call chains do not exhaust the stack */
    int *stack = xmalloc(sizeof(int) * (size_t)(m->nfuncs + 1) * 2);
    int sp = 0;
    stack[sp++] = f;
    stack[sp++] = 0;
    seen[f] = 1;
    while (sp > 0) {
        int next = stack[sp - 1];
        int cur = stack[sp - 2];
        if (next < m->funcs[cur].ncallees) {
            stack[sp - 1]++;
            int c = m->funcs[cur].callees[next];
            if (!seen[c]) {
                seen[c] = 1;
                stack[sp++] = c;
                stack[sp++] = 0;
            }
            continue;
        }
        order[(*n)++] = cur;
        sp -= 2;
    }
    free(stack);
}

/* Depth of the deepest call chain from `f` (a cycle counts as too deep). */
static int call_depth(const struct model *m, int f, unsigned char *state, int *depth)
{
    if (state[f] == 2)
        return depth[f];
    if (state[f] == 1)
        return 1 << 20; /* recursion */
    state[f] = 1;
    int d = 0;
    for (int c = 0; c < m->funcs[f].ncallees; c++) {
        int cd = call_depth(m, m->funcs[f].callees[c], state, depth);
        if (cd + 1 > d)
            d = cd + 1;
        if (d >= (1 << 20))
            break;
    }
    state[f] = 2;
    depth[f] = d;
    return d;
}

/* Summaries answer only the calls the engine does not follow: needed when
 * some root reaches recursion or a chain deeper than it follows. */
static bool summaries_needed(const struct analysis *a)
{
    const struct model *m = a->m;
    unsigned char *state = xcalloc((size_t)m->nfuncs + 1, 1);
    int *depth = xcalloc((size_t)m->nfuncs + 1, sizeof(int));
    bool needed = false;
    for (int i = 0; i < m->nregs && !needed; i++)
        if (m->regs[i].func >= 0)
            needed = call_depth(m, m->regs[i].func, state, depth) >= ENGINE_MAX_INLINE_DEPTH;
    if (!needed && m->entry >= 0)
        needed = call_depth(m, m->entry, state, depth) >= ENGINE_MAX_INLINE_DEPTH;
    free(state);
    free(depth);
    return needed;
}

/* What each analysed function returns, bottom-up over the call graph:
 * callees first, each body once, calls answered by the callees' summaries
 * (a recursive cycle sees a callee without one: unknown). */
static void compute_summaries(struct analysis *a)
{
    const struct model *m = a->m;
    unsigned char *seen = xcalloc((size_t)m->nfuncs + 1, 1);
    int *order = xmalloc(sizeof(int) * (size_t)(m->nfuncs + 1));
    int n = 0;
    for (int i = 0; i < m->nfuncs; i++)
        if (!seen[i] && m->funcs[i].def)
            postorder(m, i, seen, order, &n);
    /* A call to a function later in the post-order closes a cycle. */
    int *pos = xmalloc(sizeof(int) * (size_t)(m->nfuncs + 1));
    for (int i = 0; i < m->nfuncs; i++)
        pos[i] = -1;
    for (int k = 0; k < n; k++)
        pos[order[k]] = k;
    bool has_cycle = false;
    for (int k = 0; k < n && !has_cycle; k++)
        for (int c = 0; c < m->funcs[order[k]].ncallees; c++)
            if (pos[m->funcs[order[k]].callees[c]] >= k)
                has_cycle = true;
    free(pos);
    a->summarizing = true;
    engine_summary_mode(a->E, true);
    /* Rounds until nothing grows: recursion needs more than one. */
    bool grew = true;
    for (int round = 0; round < 4 && grew; round++) {
    grew = false;
    for (int k = 0; k < n; k++) {
        int f = order[k];
        const struct ir_func *fd = m->funcs[f].def;
        if (!fd || fd->lowering_incomplete || fd->ret.cls != TY_INT)
            continue;
        a->root_func = f;
        a->root_role = ROOT_ENTRY;
        a->role = ROLE_NONE;
        struct run_ctx rc = {a, NULL, false, false, {0}, 0, val_top(), val_top()};
        rc.summary.kind = V_NONE;
        struct engine_hooks h;
        memset(&h, 0, sizeof h);
        h.ud = &rc;
        h.on_exit = on_exit_hook;
        engine_add_hooks(a->E, &h);
        struct state *init = state_new();
        for (int i = 0; i < fd->nparams; i++) {
            const struct ir_local *p = &fd->locals[i];
            struct val v = p->type.cls == TY_INT ? val_unknown_int(Q_ALL, 0, p->loc, 0) : val_top();
            state_store(init, mloc_make(R_LOCAL, (uint32_t)i, 0), v);
        }
        engine_run(a->E, f, &init, 1);
        engine_pop_hooks(a->E);
        if (rc.summary.kind != V_NONE)
            grew |= engine_set_summary(a->E, f, &rc.summary);
    }
    /* one round is enough without recursion */
    if (!has_cycle)
        break;
    }
    engine_summary_mode(a->E, false);
    a->summarizing = false;
    a->root_func = -1;
    free(seen);
    free(order);
}

void analysis_run(const struct model *m, const struct analysis_options *ao, struct diag_list *out)
{
    struct analysis a;
    memset(&a, 0, sizeof a);
    a.checks = ao->checks;
    a.proof = ao->proof;
    if (a.proof) {
        a.proof->analysed = true;
        if (m->entry >= 0) {
            a.proof->entry = m->funcs[m->entry].name;
            a.proof->entry_loc = m->funcs[m->entry].def ? m->funcs[m->entry].def->loc : m->funcs[m->entry].decl_loc;
        }
    }
    a.m = m;
    a.rp = m->rp;
    a.out = out;
    a.root_func = -1;
    a.E = engine_new(m);
    a.fe_obj = engine_obj_fixed(a.E, 0, "FilterExtension");
    resources_register(&a);
    struct engine_hooks words;
    memset(&words, 0, sizeof words);
    words.describe_branch = describe_status_branch;
    engine_add_hooks(a.E, &words);

    size_t nchecks;
    const struct check *const *all = checks_all(&nchecks);
    for (size_t i = 0; i < nchecks; i++)
        if (checks_glob_enabled(ao->checks, all[i]->id))
            all[i]->register_hooks(&a, all[i]);

    for (int i = 0; i < a.nhooks; i++)
        if (a.hooks[i].on_model)
            a.hooks[i].on_model(&a, a.hooks[i].check);

    if (summaries_needed(&a))
        compute_summaries(&a);

    /* The entry point: what it leaves on the paths that register. Its
     * state is where the callbacks start even when it owes nothing. */
    struct state *after_entry = NULL;
    if (m->entry >= 0)
        after_entry = run_root(&a, m->entry, ROOT_ENTRY, ROLE_NONE, NULL, true, true);
    struct state *dump_stack = after_entry ? state_clone(after_entry) : NULL;
    if (dump_stack && !(a.rp && a.rp->acquires_in_entry))
        dump_stack->nr = 0;

    /* The acquiring callbacks (the rule pack says which: Dump_Start), in
     * the system's order, each from the entry's state; what any of them
     * leaves joins the debt (it may not run, or fail early). */
    static const enum dump_role order[] = {ROLE_START, ROLE_WRITE, ROLE_READ, ROLE_FINISH};
    bool ran[ROLE_COUNT] = {false};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        enum dump_role role = order[k];
        if (!a.rp || !a.rp->acquires_in_role[role] || role == a.rp->release_role)
            continue;
        int funcs[16];
        int n = model_role_functions(m, role, funcs, 16);
        for (int i = 0; i < n; i++) {
            struct state *p = run_root(&a, funcs[i], ROOT_CALLBACK, role, after_entry, true, false);
            if (!p)
                continue;
            if (!dump_stack)
                dump_stack = p;
            else {
                state_join(dump_stack, p, false);
                state_free(p);
            }
        }
        ran[role] = true;
    }
    a.owed_count = dump_stack ? dump_stack->nr : 0;
    proof_set_owed(&a, dump_stack);

    /* The releasing role, then the callbacks not run yet (their status). */
    enum dump_role release = a.rp ? a.rp->release_role : ROLE_UNLOAD;
    if (release > ROLE_NONE && release < ROLE_DATA) {
        run_callbacks(&a, release, dump_stack);
        ran[release] = true;
    }
    for (int r = ROLE_START; r <= ROLE_READ; r++)
        if (!ran[r])
            run_callbacks(&a, (enum dump_role)r, dump_stack);

    for (int i = 0; i < a.nhooks; i++)
        if (a.hooks[i].on_finish)
            a.hooks[i].on_finish(&a, a.hooks[i].check);
    proof_take_assumptions(&a);

    state_free(after_entry);
    state_free(dump_stack);
    engine_free(a.E);
}
