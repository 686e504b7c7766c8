/* The resource model: the rule pack's acquire/release routines turned into
 * typestate on abstract objects. It reports nothing itself; rules listen to
 * its release events (analysis.h). */
#include "analysis.h"

#include <stdlib.h>
#include <string.h>

static bool is_non_acquiring(const struct rulepack *rp, str_id name)
{
    for (int i = 0; i < rp->nnon_acquiring; i++)
        if (rp->non_acquiring[i] == name)
            return true;
    return false;
}

const char *family_desc(const struct analysis *a, int family)
{
    if (!a->rp || family < 0 || family >= a->rp->nfamilies)
        return "resource";
    const struct rp_family *f = &a->rp->families[family];
    return str_get(f->description ? f->description : f->name);
}

bool resources_is_summary(struct analysis *a, int obj)
{
    struct obj *o = engine_obj(a->E, obj);
    return o && o->summary;
}

static const char *root_label(struct analysis *a)
{
    if (a->root_role == ROOT_ENTRY)
        return "the entry point";
    return role_display(a->role);
}

static bool const_arg(const struct call_site *cs, int i, int64_t *out)
{
    if (i < 0 || i >= cs->nargs)
        return false;
    const struct val *v = &cs->args[i];
    if (v->kind != V_INT || v->nconst != 1 || v->quarters != 0)
        return false;
    *out = v->c[0];
    return true;
}

static void set_owned(struct state *s, int obj, int family)
{
    struct rsrc *r = state_rsrc_add(s, obj);
    r->st = RS_OWNED;
    r->family = family;
    r->rel_loc = (loc_t){0, 0, 0};
    r->rel_routine = 0;
}

static int new_resource(struct analysis *a, const struct call_site *cs, const struct rp_acquirer *acq, str_id name)
{
    int obj = engine_obj_alloc(a->E, cs->stmt, acq->family, cs->stmt->loc, cs->name, name);
    struct obj *o = engine_obj(a->E, obj);
    if (name && cs->stmt->lhs && cs->stmt->lhs->kind == E_LOCAL)
        o->named_by_local = true;
    if (name)
        o->name_depth = cs->depth;
    o->role = str_intern(root_label(a));
    int64_t tag;
    if (const_arg(cs, acq->tag_arg, &tag)) {
        o->tag_known = true;
        o->tag = (int64_t)(uint32_t)tag;
    }
    if (mloc_valid(cs->result_loc) && mloc_is_elements(cs->result_loc))
        o->summary = true;
    return obj;
}

static str_id dest_name(struct analysis *a, const struct call_site *cs)
{
    const struct ir_expr *lhs = cs->stmt->lhs;
    if (cs->stmt->kind == S_ASSIGN && lhs && !(lhs->kind == E_LOCAL && cs->func->locals[lhs->local].is_temp)) {
        char *t = expr_text(cs->func, cs->stmt->lhs);
        str_id id = str_intern(t);
        free(t);
        return id;
    }
    (void)a;
    return 0;
}

static str_id arg_name(const struct call_site *cs, int i)
{
    if (i < 0 || i >= cs->call->nargs)
        return 0;
    const struct ir_expr *e = cs->call->args[i];
    while (e && (e->kind == E_CAST || e->kind == E_ADDR))
        e = e->sub[0];
    char *t = expr_text(cs->func, e);
    str_id id = str_intern(t);
    free(t);
    return id;
}

/* What routine `name` returns, as its documentation in the rule pack says
 * (any NTSTATUS when it says nothing). */
static struct val documented_result(const struct analysis *a, str_id name, loc_t loc)
{
    const struct rp_returns *doc = a->rp ? rulepack_find_returns(a->rp, name) : NULL;
    if (!doc)
        return val_unknown_int(Q_ALL, VF_EXTERNAL, loc, name);
    struct val v = val_unknown_int(doc->classes & (Q_SUCC | Q_INFO | Q_WARN | Q_ERR), VF_EXTERNAL, loc, name);
    for (int i = 0; i < doc->nvalues; i++) {
        struct val one = val_int((int64_t)doc->values[i], doc->names[i], loc);
        one.flags = VF_EXTERNAL;
        one.origin = loc;
        one.origin_name = name;
        v = v.quarters == 0 && v.nconst == 0 && i == 0 && doc->classes == 0 ? one : val_join(&v, &one);
    }
    return v;
}

static bool external_result(struct engine *E, struct state *s, const struct call_site *cs, struct val *result,
                            void *ud)
{
    struct analysis *a = ud;
    (void)E, (void)s;
    if (!a->rp || !cs->name || !rulepack_find_returns(a->rp, cs->name))
        return false;
    *result = documented_result(a, cs->name, cs->stmt->loc);
    return true;
}

/* Success and failure outcomes of a routine reporting through its result;
 * false when the routine is documented never to fail that way. */
static bool split_outcome(struct analysis *a, enum rp_condition on, struct val *ok_result, struct val *fail_result,
                          loc_t loc, str_id name)
{
    if (on == RP_ON_NT_SUCCESS) {
        struct val doc = documented_result(a, name, loc);
        *ok_result = doc;
        *fail_result = doc;
        bool can_fail = val_refine_cmp(fail_result, B_LT, 0, true);
        if (!val_refine_cmp(ok_result, B_GE, 0, true))
            *ok_result = val_unknown_int(Q_ZERO | Q_SUCC | Q_INFO, VF_EXTERNAL, loc, name);
        return can_fail;
    }
    *ok_result = val_unknown_int(Q_SUCC | Q_INFO | Q_WARN | Q_ERR, VF_EXTERNAL, loc, name);
    *fail_result = val_int(0, 0, loc);
    return true;
}

/* `obj` is acquired by the call: always, or (forking the state) only on
 * the outcome the routine reports success with; `dest` receives it. */
static void acquire_on_success(struct analysis *a, struct state *s, const struct call_site *cs,
                               const struct rp_acquirer *acq, int obj, const mloc *dest, struct val *result)
{
    if (acq->on == RP_ON_ALWAYS) {
        *result = val_unknown_int(Q_ALL, VF_EXTERNAL, cs->stmt->loc, cs->name);
    } else {
        struct val fail;
        if (split_outcome(a, acq->on, result, &fail, cs->stmt->loc, cs->name))
            engine_fork(a->E, s)->retval = fail;
    }
    set_owned(s, obj, acq->family);
    if (dest)
        state_store(s, *dest, val_ptr(obj, false));
}

static bool model_acquire(struct analysis *a, struct state *s, const struct call_site *cs,
                          const struct rp_acquirer *acq, struct val *result)
{
    struct engine *E = a->E;
    if (acq->when_arg >= 0) {
        int64_t v;
        if (!const_arg(cs, acq->when_arg, &v) || v != acq->when_value)
            return false; /* not an allocating call: the caller's buffer is used */
    }
    switch (acq->result) {
    case RP_RESULT_RETURN: {
        int obj = new_resource(a, cs, acq, dest_name(a, cs));
        set_owned(s, obj, acq->family);
        *result = val_ptr(obj, acq->on != RP_ON_ALWAYS);
        return true;
    }
    case RP_RESULT_OUT_PARAM: {
        if (acq->arg >= cs->nargs || cs->args[acq->arg].kind != V_PTR)
            return false;
        mloc dest = engine_obj_loc(E, cs->args[acq->arg].obj, 0);
        int obj = new_resource(a, cs, acq, arg_name(cs, acq->arg));
        acquire_on_success(a, s, cs, acq, obj, &dest, result);
        return true;
    }
    case RP_RESULT_IN_PLACE:
    case RP_RESULT_ARG_VALUE: {
        if (acq->arg >= cs->nargs || cs->args[acq->arg].kind != V_PTR)
            return false;
        int base = cs->args[acq->arg].obj;
        struct obj *bo = engine_obj(E, base);
        int obj = base;
        if (bo->kind != OBJ_PLACE || acq->result == RP_RESULT_ARG_VALUE)
            obj = engine_obj_derived(E, base, acq->family);
        struct obj *o = engine_obj(E, obj);
        if (!loc_valid(o->site)) {
            o->site = cs->stmt->loc;
            o->routine = cs->name;
            o->family = acq->family;
            o->role = str_intern(root_label(a));
            if (!o->name)
                o->name = arg_name(cs, acq->arg);
        }
        acquire_on_success(a, s, cs, acq, obj, NULL, result);
        return true;
    }
    }
    return false;
}

static void fire_release(struct analysis *a, struct state *s, const struct release_event *ev)
{
    if (a->summarizing)
        return;
    for (int i = 0; i < a->nhooks; i++)
        if (a->hooks[i].on_release && !s->dead)
            a->hooks[i].on_release(a, a->hooks[i].check, s, ev);
}

/* Which object a release call releases. */
static int released_object(struct analysis *a, struct state *s, const struct call_site *cs,
                           const struct rp_releaser *rel)
{
    struct engine *E = a->E;
    if (rel->arg >= cs->nargs)
        return -1;
    const struct val *v = &cs->args[rel->arg];
    if (v->kind != V_PTR)
        return -1;
    int obj = v->obj;
    if (rel->arg_is_address) {
        /* RtlFreeUnicodeString(&s): what was stored there, or the storage itself. */
        struct val inner;
        mloc l = engine_obj_loc(E, obj, 0);
        if (state_lookup(s, l, &inner) && inner.kind == V_PTR && state_rsrc(s, inner.obj))
            return inner.obj;
        return obj;
    }
    int derived = engine_obj_derived(E, obj, rel->family);
    struct rsrc *dr = state_rsrc(s, derived);
    if (dr && (dr->st & RS_OWNED))
        return derived;
    return obj;
}

static void release_one(struct analysis *a, struct state *s, const struct call_site *cs,
                        const struct rp_releaser *rel, int obj);

/* Where the model stops tracking a resource that was still owed, and why:
 * recorded in the engine's assumption log. */
static void resources_note_untracked(struct analysis *a, struct state *s, int obj, loc_t loc, const char *why)
{
    (void)s;
    struct obj *o = engine_obj(a->E, obj);
    engine_assume(a->E, ASSUME_TRACKING_ENDED, loc, obj, true, o ? o->name : 0, "%s", why);
}

/* A release through an index that names no single element: each element a
 * counting loop visits is released once (the loop's later turns release
 * the next ones, not these again); an element it may not visit is no
 * longer claimed either way, and the analysis records why. */
static void release_elements(struct analysis *a, struct state *s, const struct call_site *cs,
                             const struct rp_releaser *rel, int group)
{
    int objs[64];
    bool covered[64];
    int n = engine_group_members(a->E, s, group, objs, covered, 64);
    for (int i = 0; i < n && !s->dead; i++) {
        struct rsrc *r = state_rsrc(s, objs[i]);
        if (!covered[i]) {
            if (r && (r->st & RS_OWNED)) {
                r->st = RS_ESCAPED;
                resources_note_untracked(a, s, objs[i], cs->stmt->loc,
                                         "released through an index that may not reach it");
            }
            continue;
        }
        if (r && (r->st & RS_RELEASED) && !(r->st & RS_OWNED) && r->rel_loc.file == cs->stmt->loc.file && r->rel_loc.line == cs->stmt->loc.line &&
            r->rel_loc.col == cs->stmt->loc.col)
            continue;
        int obj = objs[i];
        if (!rel->arg_is_address) {
            int derived = engine_obj_derived(a->E, obj, rel->family);
            struct rsrc *dr = state_rsrc(s, derived);
            if (dr && (dr->st & RS_OWNED))
                obj = derived;
        }
        release_one(a, s, cs, rel, obj);
    }
}

static bool model_release(struct analysis *a, struct state *s, const struct call_site *cs,
                          const struct rp_releaser *rel, struct val *result)
{
    *result = documented_result(a, cs->name, cs->stmt->loc);
    if (rel->arg < cs->nargs && cs->args[rel->arg].kind == V_PTR && !rel->arg_is_address) {
        struct obj *g = engine_obj(a->E, cs->args[rel->arg].obj);
        if (g && g->kind == OBJ_GROUP) {
            release_elements(a, s, cs, rel, cs->args[rel->arg].obj);
            return true;
        }
    }
    int obj = released_object(a, s, cs, rel);
    if (obj < 0)
        return true;
    release_one(a, s, cs, rel, obj);
    return true;
}

static void release_one(struct analysis *a, struct state *s, const struct call_site *cs,
                        const struct rp_releaser *rel, int obj)
{
    struct rsrc *r = state_rsrc(s, obj);
    struct rsrc before;
    struct release_event ev;
    memset(&ev, 0, sizeof ev);
    ev.obj = obj;
    ev.rel = rel;
    ev.routine = cs->name;
    ev.loc = cs->stmt->loc;
    int64_t tag;
    if (const_arg(cs, rel->tag_arg, &tag)) {
        ev.tag_known = true;
        ev.tag = (int64_t)(uint32_t)tag;
    }
    if (r) {
        before = *r;
        ev.before = &before;
    }
    fire_release(a, s, &ev);
    if (s->dead)
        return;
    r = state_rsrc_add(s, obj);
    bool two_step = rel->then_family >= 0 && (r->family == rel->family || r->family < 0);
    if (two_step && (r->st & RS_OWNED)) {
        r->family = rel->then_family;
    } else {
        r->st = RS_RELEASED;
        if (r->family < 0)
            r->family = rel->family;
    }
    r->rel_loc = cs->stmt->loc;
    r->rel_routine = cs->name;
}

/* Gives every owned object reachable from `obj` (through the fields of
 * what it points to, and the resources derived from it) the typestate
 * `to`, when a path decides none of them is the dump stack's to release. */
/* Where tracking ends (`to` is RS_ESCAPED): the place and the reason, for
 * the assumption log. */
struct tracking_end {
    loc_t loc;
    str_id why;
    bool moved;      /* ownership moved as the rule pack documents: nothing is hidden */
};

static void settle_one(struct engine *E, struct rsrc *r, uint8_t to, const struct tracking_end *end)
{
    if (!(r->st & RS_OWNED))
        return;
    if (end && to == RS_ESCAPED) {
        struct obj *o = engine_obj(E, r->obj);
        engine_assume(E, ASSUME_TRACKING_ENDED, end->loc, r->obj, !end->moved, o ? o->name : 0, "%s",
                      end->why ? str_get(end->why) : "handed to code the analysis cannot see");
    }
    r->st = to;
}

static void settle_reachable(struct engine *E, struct state *s, int obj, uint8_t to, int depth,
                             const struct tracking_end *end)
{
    if (depth > 8)
        return;
    struct rsrc *r = state_rsrc(s, obj);
    if (r)
        settle_one(E, r, to, end);
    for (int i = 0; i < s->n; i++) {
        const struct sent *e = &s->e[i];
        if (e->l.root == R_OBJ && e->l.id == (uint32_t)obj && e->v.kind == V_PTR && e->v.obj != obj)
            settle_reachable(E, s, e->v.obj, to, depth + 1, end);
    }
    for (int i = 0; i < s->nr; i++) {
        struct obj *o = engine_obj(E, s->r[i].obj);
        if (o && o->kind == OBJ_DERIVED && o->parent == obj)
            settle_one(E, &s->r[i], to, end);
    }
}

static void on_access(struct engine *E, struct state *s, int obj, loc_t loc, const struct ir_expr *e, void *ud)
{
    struct analysis *a = ud;
    (void)e;
    struct rsrc *r = state_rsrc(s, obj);
    if (!r || !(r->st & RS_RELEASED) || (r->st & (RS_OWNED | RS_ESCAPED)))
        return;
    struct obj *o = engine_obj(E, obj);
    if (o->summary || o->kind == OBJ_PLACE || a->summarizing)
        return;
    for (int i = 0; i < a->nhooks && !s->dead; i++)
        if (a->hooks[i].on_released_access)
            a->hooks[i].on_released_access(a, a->hooks[i].check, s, obj, loc);
}

/* A routine that operates on a live object of a family (allocating from a
 * lookaside list) called on one that was released: a use after release,
 * whatever kind of storage the object is. */
static void model_use(struct analysis *a, struct state *s, const struct call_site *cs, const struct rp_user *u)
{
    if (u->arg >= cs->nargs || cs->args[u->arg].kind != V_PTR || a->summarizing)
        return;
    int obj = cs->args[u->arg].obj;
    if (!u->arg_is_address) {
        int derived = engine_obj_derived(a->E, obj, u->family);
        if (state_rsrc(s, derived))
            obj = derived;
    }
    struct rsrc *r = state_rsrc(s, obj);
    if (!r || r->family != u->family || !(r->st & RS_RELEASED) || (r->st & (RS_OWNED | RS_ESCAPED)))
        return;
    if (engine_obj(a->E, obj)->summary)
        return;
    for (int i = 0; i < a->nhooks && !s->dead; i++)
        if (a->hooks[i].on_released_access)
            a->hooks[i].on_released_access(a, a->hooks[i].check, s, obj, cs->stmt->loc);
}

/* The property that tells paths apart: which objects are owned. Released,
 * NULL and escaped objects all need nothing more, so they do not split. */
static bool on_call(struct engine *E, struct state *s, const struct call_site *cs, struct val *result, void *ud)
{
    struct analysis *a = ud;
    (void)E;
    if (!a->rp || !cs->name)
        return false;
    if (rulepack_accesses_pointer(a->rp, cs->name)) {
        /* memset(p, ...) after p was released is a use of released memory */
        for (int i = 0; i < cs->nargs && !s->dead; i++)
            if (cs->args[i].kind == V_PTR)
                on_access(a->E, s, cs->args[i].obj, cs->stmt->loc, NULL, a);
        /* not handled: the copy/zeroing itself is the engine's (or system code) */
    }
    if (rulepack_keeps_pointer(a->rp, cs->name)) {
        /* The pointers it is given (and the objects they point into) are
         * kept elsewhere now: stop tracking them; otherwise it is plain
         * system code. */
        char *why = xasprintf("handed to '%s', which keeps the pointer (the rule pack says so)", str_get(cs->name));
        struct tracking_end end = {cs->stmt->loc, str_intern(why), true};
        free(why);
        for (int i = 0; i < cs->nargs; i++) {
            if (cs->args[i].kind != V_PTR)
                continue;
            struct obj *o = engine_obj(a->E, cs->args[i].obj);
            if (o && o->kind == OBJ_PLACE && o->place.root == R_OBJ)
                settle_reachable(a->E, s, (int)o->place.id, RS_ESCAPED, 0, &end);
            settle_reachable(a->E, s, cs->args[i].obj, RS_ESCAPED, 0, &end);
        }
        return false;
    }
    const struct rp_user *user = rulepack_find_user(a->rp, cs->name);
    if (user) {
        /* checked, then left to the engine (it may follow the header's body) */
        model_use(a, s, cs, user);
        return false;
    }
    if (is_non_acquiring(a->rp, cs->name)) {
        *result = val_top();
        return true;
    }
    /* A class's or the driver's own operator new/delete is followed into
     * its body (written over pool routines); only the library's are the
     * new/delete families. Placement forms acquire nothing. */
    bool cxx_operator = !strncmp(str_get(cs->name), "operator ", 9);
    if (cxx_operator && cs->call->callee_has_body)
        return false;
    const struct rp_acquirer *acq = rulepack_find_acquirer(a->rp, cs->name);
    if (acq && cxx_operator && cs->nargs != 1)
        return false;
    if (acq)
        return model_acquire(a, s, cs, acq, result);
    const struct rp_releaser *rel = rulepack_find_releaser(a->rp, cs->name);
    if (rel)
        return model_release(a, s, cs, rel, result);
    return false;
}

/* A pointer found NULL: nothing was acquired through it on this path, nor
 * anything stored inside what it would point to. */
static void on_null(struct engine *E, struct state *s, int obj, void *ud)
{
    (void)ud;
    struct obj *o = engine_obj(E, obj);
    if (o && o->kind == OBJ_GROUP) {
        /* A counting loop's element found NULL: as the loop visits each,
         * every element it covers is NULL on this path or takes the
         * other branch (on another path). An element of an index the
         * analysis cannot bound tells nothing. */
        if (!o->place.path || !strstr(str_get(o->place.path), "[*"))
            return;
        int objs[64];
        bool covered[64];
        int n = engine_group_members(E, s, obj, objs, covered, 64);
        for (int i = 0; i < n; i++)
            if (covered[i])
                settle_reachable(E, s, objs[i], RS_NULL, 0, NULL);
        return;
    }
    settle_reachable(E, s, obj, RS_NULL, 0, NULL);
}

/* Code the analysis cannot see may release the object and anything
 * reachable from it: stop tracking all of that (optimistic, no false
 * leak), and log each owned resource whose tracking ends there. */
static void on_escape(struct engine *E, struct state *s, int obj, loc_t loc, str_id why, void *ud)
{
    (void)ud;
    struct tracking_end end = {loc, why, false};
    settle_reachable(E, s, obj, RS_ESCAPED, 0, &end);
}

static uint64_t key(struct engine *E, const struct state *s, void *ud)
{
    (void)E;
    (void)ud;
    uint64_t h = 0;
    for (int i = 0; i < s->nr; i++)
        if (s->r[i].st & RS_OWNED)
            h = h * 1000003 + (uint64_t)s->r[i].obj + 1;
    return h;
}

void resources_register(struct analysis *a)
{
    struct engine_hooks h;
    memset(&h, 0, sizeof h);
    h.ud = a;
    h.on_call = on_call;
    h.on_null = on_null;
    h.on_escape = on_escape;
    h.on_access = on_access;
    h.external_result = external_result;
    h.key = key;
    engine_add_hooks(a->E, &h);
}

/* Objects the dump stack keeps: what a global, the filter's context
 * (DumpData), or memory the driver did not create itself (whatever a
 * parameter or global pointed to) holds, and what those objects hold in
 * turn. A resource a root acquired and lost in a local is not kept. */
static void mark_kept(struct engine *E, const struct state *s, unsigned char *kept)
{
    int nobjs = engine_nobjs(E);
    for (int i = 0; i < nobjs; i++) {
        const struct obj *o = engine_obj(E, i);
        if (o->kind == OBJ_FIXED || o->kind == OBJ_SYMBOLIC)
            kept[i] = 1;
    }
    const struct val *dd = state_fact(s, str_intern("DumpData"));
    if (dd && dd->kind == V_PTR && dd->obj >= 0 && dd->obj < nobjs)
        kept[dd->obj] = 1;
    for (bool grew = true; grew;) {
        grew = false;
        for (int i = 0; i < nobjs; i++) {
            const struct obj *o = engine_obj(E, i);
            if (kept[i])
                continue;
            bool k = false;
            if (o->kind == OBJ_PLACE)
                k = o->place.root == R_GLOBAL || (o->place.root == R_OBJ && o->place.id < (uint32_t)nobjs &&
                                                  kept[o->place.id]);
            else if (o->kind == OBJ_DERIVED)
                k = o->parent >= 0 && kept[o->parent];
            if (k) {
                kept[i] = 1;
                grew = true;
            }
        }
        for (int i = 0; i < s->n; i++) {
            const struct sent *e = &s->e[i];
            if (e->v.kind != V_PTR || e->v.obj < 0 || e->v.obj >= nobjs || kept[e->v.obj])
                continue;
            bool holder = e->l.root == R_GLOBAL || (e->l.root == R_OBJ && e->l.id < (uint32_t)nobjs && kept[e->l.id]);
            if (holder) {
                kept[e->v.obj] = 1;
                grew = true;
            }
        }
    }
}

void resources_persist(struct engine *E, struct state *s)
{
    unsigned char *kept = xcalloc((size_t)engine_nobjs(E) + 1, 1);
    mark_kept(E, s, kept);
    int k = 0;
    for (int i = 0; i < s->n; i++)
        if (s->e[i].l.root != R_LOCAL)
            s->e[k++] = s->e[i];
    s->n = k;
    k = 0;
    for (int i = 0; i < s->nr; i++) {
        if (!(s->r[i].st & RS_OWNED) || !kept[s->r[i].obj])
            continue;
        s->r[k] = s->r[i];
        s->r[k].st = RS_OWNED;
        k++;
    }
    s->nr = k;
    free(kept);
    s->trace = NULL;
    s->depth = 0;
    s->retval = val_top();
    s->retval.kind = V_NONE;
    s->dead = false;
}
