/* dump-unload-leak: a resource acquired for the dump stack (in the entry
 * point or Dump_Start) is not released on some path of Dump_Unload. */
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "resource_notes.h"

/* Array elements are one summary object: a loop that releases them all is
 * not unrolled, so they leak only when no path releases them at all. */
static struct {
    int *released;
    int nreleased;
} seen;

/* The role that must release (the rule pack says: DumpUnload). */
static enum dump_role release_role(const struct analysis *a)
{
    return a->rp ? a->rp->release_role : ROLE_UNLOAD;
}

static bool released_somewhere(int obj)
{
    for (int i = 0; i < seen.nreleased; i++)
        if (seen.released[i] == obj)
            return true;
    return false;
}

static void on_release(struct analysis *a, const struct check *c, struct state *s, const struct release_event *ev)
{
    (void)a, (void)c, (void)s;
    if (a->role != release_role(a) || released_somewhere(ev->obj))
        return;
    seen.released = xrealloc(seen.released, sizeof(int) * (size_t)(seen.nreleased + 1));
    seen.released[seen.nreleased++] = ev->obj;
}

static void check_exit(struct analysis *a, const struct check *c, struct state *s, const struct ir_term *t,
                    const struct val *ret)
{
    (void)ret;
    if (a->root_role != ROOT_CALLBACK || a->role != release_role(a))
        return;
    for (int i = 0; i < s->nr; i++) {
        const struct rsrc *r = &s->r[i];
        if (!(r->st & RS_OWNED))
            continue;
        struct obj *o = engine_obj(a->E, r->obj);
        if (!o || !loc_valid(o->site) || o->role == 0)
            continue;
        /* Only what the dump stack was handed: acquisitions before unload. */
        if (!strcmp(str_get(o->role), role_display(release_role(a))))
            continue;
        if (o->summary && released_somewhere(r->obj))
            continue;
        struct diag *d = analysis_report(a, c, s, t->loc, o->name,
                                         "%s '%s' acquired by %s in %s is not released on this path of %s '%s'",
                                         family_desc(a, r->family), resource_name(a, r->obj),
                                         resource_acquirer(a, r->obj), str_get(o->role),
                                         role_display(release_role(a)), analysis_root_name(a));
        resource_note_acquired(a, d, r->obj);
        analysis_add_path_notes(a, d, s);
    }
}

static void on_finish(struct analysis *a, const struct check *c)
{
    (void)a, (void)c;
    free(seen.released);
    seen.released = NULL;
    seen.nreleased = 0;
}

static void register_hooks(struct analysis *a, const struct check *self)
{
    struct analysis_hooks h = {.check = self, .on_exit = check_exit, .on_release = on_release, .on_finish = on_finish};
    analysis_subscribe(a, &h);
}

const struct check check_unload_leak = {
    "dump-unload-leak",
    "a resource acquired for the dump stack is not released on some path of Dump_Unload",
    SEV_WARNING,
    register_hooks,
};
