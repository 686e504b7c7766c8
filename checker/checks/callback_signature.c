/* dump-callback-signature: the function registered for a role does not
 * have the role's type (usually hidden by a cast, e.g. a VOID unload
 * registered as (PDUMP_UNLOAD)). Reported once, at the registration. */
#include "checks.h"
#include "../engine/analysis.h"

static void on_model(struct analysis *a, const struct check *c)
{
    const struct model *m = a->m;
    for (int i = 0; i < m->nregs; i++) {
        const struct registration *r = &m->regs[i];
        if (r->role == ROLE_DATA || r->func < 0)
            continue;
        str_id want = m->role_canon_type[r->role];
        const struct mfunc *f = &m->funcs[r->func];
        str_id have = f->def ? f->def->canon_type : f->canon_type;
        if (!want || !have || want == have)
            continue;
        struct diag *d = diag_add(a->out, c->id, c->default_sev, r->site,
                                  "'%s' is registered as %s but its type '%s' is not %s's '%s'%s",
                                  str_get(f->name), role_field_name(r->role), str_get(have),
                                  role_typedef_name(r->role), str_get(want),
                                  r->through_cast ? " (a cast hides the difference)" : "");
        d->function = r->in_func >= 0 ? m->funcs[r->in_func].name : 0;
        d->subject = f->name;
        if (f->def)
            diag_add_note(d, f->def->loc, "'%s' is defined here", str_get(f->name));
    }
}

static void register_hooks(struct analysis *a, const struct check *self)
{
    struct analysis_hooks h = {.check = self, .on_model = on_model};
    analysis_subscribe(a, &h);
}

const struct check check_callback_signature = {
    "dump-callback-signature",
    "a registered function's type differs from the callback's PDUMP_xxx type",
    SEV_WARNING,
    register_hooks,
};
