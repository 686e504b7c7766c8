/* dump-callback-missing: a role the driver clearly meant to fill is not
 * registered. The callbacks are optional, so only three shapes count:
 *  - a function declared with a role type (`DUMP_UNLOAD X;`), or a static
 *    function of a callback's exact type that nothing uses, never registered;
 *  - a registration overwritten on the same path;
 *  - no DumpUnload while resources are acquired for the dump stack. */
#include <string.h>

#include "checks.h"
#include "resource_notes.h"

static bool appears_in_registration(const struct model *m, int func)
{
    for (int i = 0; i < m->nregs; i++)
        if (m->regs[i].func == func)
            return true;
    return false;
}

static bool expr_refers_to(const struct ir_expr *e, str_id usr)
{
    if (!e)
        return false;
    if (e->kind == E_FUNC && e->usr == usr)
        return true;
    if (e->kind == E_CALL) {
        if (e->call->callee_usr == usr)
            return true;
        for (int i = 0; i < e->call->nargs; i++)
            if (expr_refers_to(e->call->args[i], usr))
                return true;
        return expr_refers_to(e->call->callee, usr);
    }
    return expr_refers_to(e->sub[0], usr) || expr_refers_to(e->sub[1], usr);
}

/* Is the function used anywhere (called, or its address taken)? */
static bool referenced(const struct model *m, str_id usr)
{
    for (int t = 0; t < m->nblocks; t++) {
        const struct tu_facts *tu = m->blocks[t];
        for (int i = 0; i < tu->nfuncs; i++) {
            const struct ir_func *f = tu->funcs[i];
            for (int b = 0; b < f->nblocks; b++) {
                for (int s = 0; s < f->blocks[b].nstmts; s++)
                    if (expr_refers_to(f->blocks[b].stmts[s].rhs, usr) || expr_refers_to(f->blocks[b].stmts[s].lhs, usr))
                        return true;
                if (expr_refers_to(f->blocks[b].term.cond, usr))
                    return true;
            }
        }
        for (int g = 0; g < tu->nglobals; g++)
            for (int s = 0; s < tu->globals[g]->ninit; s++)
                if (expr_refers_to(tu->globals[g]->init[s].rhs, usr))
                    return true;
    }
    return false;
}

static bool reported_unload_declaration;

static void on_model(struct analysis *a, const struct check *c)
{
    const struct model *m = a->m;
    reported_unload_declaration = false;
    for (int i = 0; i < m->nfuncs; i++) {
        const struct mfunc *f = &m->funcs[i];
        if (appears_in_registration(m, i))
            continue;
        enum dump_role role = f->role_typedef ? role_from_typedef(str_get(f->role_typedef)) : ROLE_NONE;
        if (role != ROLE_NONE && role != ROLE_DATA) {
            struct diag *d = diag_add(a->out, c->id, c->default_sev, f->role_decl_loc,
                                      "'%s' is declared as %s but is never registered as %s",
                                      str_get(f->name), role_typedef_name(role), role_field_name(role));
            d->function = f->name;
            d->subject = f->name;
            if (m->entry >= 0 && m->funcs[m->entry].def)
                diag_add_note(d, m->funcs[m->entry].def->loc, "the entry point '%s' fills FILTER_INITIALIZATION_DATA without it",
                              str_get(m->funcs[m->entry].name));
            if (role == ROLE_UNLOAD)
                reported_unload_declaration = true;
            continue;
        }
        /* A static function of exactly a callback's type that nothing uses. */
        if (!f->def || !f->is_static || !f->def->canon_type)
            continue;
        char roles[128] = "";
        for (int r = ROLE_START; r <= ROLE_READ; r++)
            if (m->role_canon_type[r] == f->def->canon_type) {
                if (roles[0])
                    strncat(roles, ", ", sizeof roles - strlen(roles) - 1);
                strncat(roles, role_typedef_name((enum dump_role)r), sizeof roles - strlen(roles) - 1);
            }
        if (!roles[0] || referenced(m, f->usr))
            continue;
        struct diag *d = diag_add(a->out, c->id, c->default_sev, f->def->loc,
                                  "static function '%s' has the type of a dump callback (%s) but is never registered or used",
                                  str_get(f->name), roles);
        d->function = f->name;
        d->subject = f->name;
        /* One root cause: an unload-shaped function nobody registers while no
         * DumpUnload is registered is the same finding as "no DumpUnload". */
        int unloads[4];
        if (m->role_canon_type[ROLE_UNLOAD] == f->def->canon_type &&
            model_role_functions(m, ROLE_UNLOAD, unloads, 4) == 0)
            reported_unload_declaration = true;
    }
}

/* `Data->DumpFinish = A; ... Data->DumpFinish = B;` on one path. */
static void on_store(struct analysis *a, const struct check *c, struct state *s, mloc l, const struct ir_expr *lhs,
                     const struct val *old, const struct val *v, loc_t loc)
{
    (void)l;
    if (!lhs || lhs->kind != E_FIELD || !model_is_init_data_record(lhs->record))
        return;
    enum dump_role role = role_from_field(str_get(lhs->text));
    if (role == ROLE_NONE || role == ROLE_DATA || old->kind != V_FUNC || v->kind != V_FUNC || old->func == v->func)
        return;
    const struct model *m = a->m;
    int fo = model_func(m, old->func), fn = model_func(m, v->func);
    const char *old_name = fo >= 0 ? str_get(m->funcs[fo].name) : "?";
    const char *new_name = fn >= 0 ? str_get(m->funcs[fn].name) : "?";
    struct diag *d = analysis_report(a, c, s, loc, lhs->text,
                                     "%s is registered twice on this path: '%s' replaces '%s', which is then never registered",
                                     role_field_name(role), new_name, old_name);
    for (int i = 0; i < m->nregs; i++)
        if (m->regs[i].role == role && m->regs[i].func == fo) {
            diag_add_note(d, m->regs[i].site, "'%s' was registered as %s here", old_name, role_field_name(role));
            break;
        }
    analysis_add_path_notes(a, d, s);
}

/* Where the entry point returns having registered the filter: the place
 * to say that nothing will release what it set up. */
static loc_t entry_return;

static bool reported_on_a_path;

static void on_exit_entry(struct analysis *a, const struct check *c, struct state *s, const struct ir_term *t,
                          const struct val *ret)
{
    if (a->root_role != ROOT_ENTRY || val_definitely_failure(ret) || !state_fact(s, str_intern("registered")))
        return;
    if (!loc_valid(entry_return))
        entry_return = t->loc;
    /* This path registers the filter without a DumpUnload, but keeps
     * resources for the dump stack: nothing will release them. (When no
     * path registers one, on_finish says so once.) */
    int unloads[4];
    const struct val *roles = state_fact(s, str_intern("registered-roles"));
    bool unload_here = !roles || roles->nconst != 1 || (roles->c[0] & (1 << ROLE_UNLOAD));
    if (unload_here || reported_unload_declaration ||
        model_role_functions(a->m, ROLE_UNLOAD, unloads, 4) == 0)
        return;
    int owned = 0, first = -1;
    for (int i = 0; i < s->nr; i++)
        if (s->r[i].st & RS_OWNED) {
            owned++;
            if (first < 0)
                first = s->r[i].obj;
        }
    if (owned == 0)
        return;
    struct diag *d = analysis_report(a, c, s, t->loc, str_intern("DumpUnload"),
                                     "no DumpUnload is registered on this path, so the %d resource%s acquired for the dump stack can never be released",
                                     owned, owned == 1 ? "" : "s");
    resource_note_acquired(a, d, first);
    analysis_add_path_notes(a, d, s);
    reported_on_a_path = true;
}

/* Resources owed to the dump stack, and no unload to release them. */
static void on_finish(struct analysis *a, const struct check *c)
{
    const struct model *m = a->m;
    int unloads[4];
    loc_t at = entry_return;
    entry_return = (loc_t){0, 0, 0};
    bool on_path = reported_on_a_path;
    reported_on_a_path = false;
    if (model_role_functions(m, ROLE_UNLOAD, unloads, 4) > 0 || reported_unload_declaration || a->owed_count == 0 ||
        on_path)
        return;
    if (!loc_valid(at))
        for (int i = 0; i < m->nregs; i++)
            if (m->regs[i].role != ROLE_DATA) {
                at = m->regs[i].site;
                break;
            }
    if (!loc_valid(at))
        return;
    struct diag *d = diag_add(a->out, c->id, c->default_sev, at,
                              "no DumpUnload is registered, so the %d resource%s acquired for the dump stack can never be released",
                              a->owed_count, a->owed_count == 1 ? "" : "s");
    d->subject = str_intern("DumpUnload");
}

static void register_hooks(struct analysis *a, const struct check *self)
{
    struct analysis_hooks h = {.check = self, .on_model = on_model, .on_store = on_store, .on_finish = on_finish,
                               .on_exit = on_exit_entry};
    analysis_subscribe(a, &h);
}

const struct check check_callback_missing = {
    "dump-callback-missing",
    "a callback the driver clearly meant to register is not registered",
    SEV_WARNING,
    register_hooks,
};
