/* dump-release-mismatch: a resource released with a routine of another
 * family (contiguous memory to ExFreePoolWithTag, an MDL to ExFreePool).
 * It counts as released: no leak is reported on top. */
#include "checks.h"
#include "resource_notes.h"

static void on_release(struct analysis *a, const struct check *c, struct state *s, const struct release_event *ev)
{
    const struct rsrc *r = ev->before;
    if (!r || !(r->st & RS_OWNED) || r->family < 0 || ev->rel->family == r->family)
        return;
    struct obj *o = engine_obj(a->E, ev->obj);
    if (!o || !loc_valid(o->site))
        return;
    struct diag *d = analysis_report(a, c, s, ev->loc, o->name,
                                     "'%s' is %s acquired by %s, but %s releases %s",
                                     resource_name(a, ev->obj), family_desc(a, r->family), resource_acquirer(a, ev->obj),
                                     str_get(ev->routine), family_desc(a, ev->rel->family));
    resource_note_acquired(a, d, ev->obj);
    analysis_add_path_notes(a, d, s);
}

static void register_hooks(struct analysis *a, const struct check *self)
{
    struct analysis_hooks h = {.check = self, .on_release = on_release};
    analysis_subscribe(a, &h);
}

const struct check check_release_mismatch = {
    "dump-release-mismatch",
    "a resource is released with a routine of another family",
    SEV_WARNING,
    register_hooks,
};
