/* dump-use-after-release: memory read or written after it was released on
 * the path (freeing the context, then reading context->Mdl). The path ends
 * there: no leak or double release is reported after it. */
#include "checks.h"
#include "resource_notes.h"

static void on_released_access(struct analysis *a, const struct check *c, struct state *s, int obj, loc_t loc)
{
    const struct rsrc *r = state_rsrc(s, obj);
    if (!r)
        return;
    struct diag *d = analysis_report(a, c, s, loc, engine_obj(a->E, obj)->name,
                                     "'%s' is used after %s released it", resource_name(a, obj),
                                     str_get(r->rel_routine));
    if (loc_valid(r->rel_loc))
        diag_add_note(d, r->rel_loc, "released here by %s", str_get(r->rel_routine));
    analysis_add_path_notes(a, d, s);
    engine_end_path(s);
}

static void register_hooks(struct analysis *a, const struct check *self)
{
    struct analysis_hooks h = {.check = self, .on_released_access = on_released_access};
    analysis_subscribe(a, &h);
}

const struct check check_use_after_release = {
    "dump-use-after-release",
    "memory is read or written after it was released",
    SEV_WARNING,
    register_hooks,
};
