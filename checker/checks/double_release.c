/* dump-double-release: a resource released twice on one path, directly or
 * through helpers. The path ends there (nothing else is reported on it). */
#include "checks.h"
#include "resource_notes.h"

static void on_release(struct analysis *a, const struct check *c, struct state *s, const struct release_event *ev)
{
    const struct rsrc *r = ev->before;
    /* Released (or NULL, on paths joined here): every non-NULL path released it. */
    if (!r || !(r->st & RS_RELEASED) || (r->st & (RS_OWNED | RS_ESCAPED)) || resources_is_summary(a, ev->obj))
        return;
    /* A two-step release (pages, then the MDL) is not a second release. */
    if (ev->rel->then_family >= 0)
        return;
    struct diag *d = analysis_report(a, c, s, ev->loc, engine_obj(a->E, ev->obj)->name,
                                     "'%s' is released twice on this path: %s releases it again after %s did",
                                     resource_name(a, ev->obj), str_get(ev->routine), str_get(r->rel_routine));
    if (loc_valid(r->rel_loc))
        diag_add_note(d, r->rel_loc, "first released here by %s", str_get(r->rel_routine));
    resource_note_acquired(a, d, ev->obj);
    analysis_add_path_notes(a, d, s);
    engine_end_path(s);
}

static void register_hooks(struct analysis *a, const struct check *self)
{
    struct analysis_hooks h = {.check = self, .on_release = on_release};
    analysis_subscribe(a, &h);
}

const struct check check_double_release = {
    "dump-double-release",
    "a resource is released twice on one path",
    SEV_WARNING,
    register_hooks,
};
