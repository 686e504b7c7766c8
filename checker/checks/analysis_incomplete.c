/* dump-analysis-incomplete: where the analysis lost track of a resource the
 * driver still owed (it was handed to code the analysis cannot see, stored
 * where it does not follow, or the function holding it was not understood),
 * a finding of a resource rule could be hidden. No loss is silent: each such
 * place is reported once, as a note, with its reason. */
#include <string.h>

#include "checks.h"
#include "resource_notes.h"

static bool resource_rules_enabled(const struct analysis *a)
{
    static const char *const rules[] = {"dump-unload-leak", "dump-double-release", "dump-use-after-release",
                                        "dump-release-mismatch", "dump-pool-tag-mismatch"};
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (analysis_rule_enabled(a, rules[i]))
            return true;
    return false;
}

static void on_finish(struct analysis *a, const struct check *c)
{
    if (!resource_rules_enabled(a))
        return;
    int n;
    const struct assumption *as = engine_assumptions(a->E, &n);
    for (int i = 0; i < n; i++) {
        const struct assumption *x = &as[i];
        if (!x->owned || !loc_valid(x->loc))
            continue;
        struct diag *d = NULL;
        if (x->kind == ASSUME_TRACKING_ENDED) {
            struct obj *o = x->obj >= 0 ? engine_obj(a->E, x->obj) : NULL;
            d = analysis_report(a, c, NULL, x->loc, x->subject,
                                "the analysis stops tracking %s '%s' here (%s): a leak or a second release of it "
                                "would not be reported",
                                o ? family_desc(a, o->family) : "resource", o ? resource_name(a, x->obj) : "?",
                                str_get(x->reason));
            if (x->obj >= 0)
                resource_note_acquired(a, d, x->obj);
        } else if (x->kind == ASSUME_NOT_ANALYSED) {
            d = analysis_report(a, c, NULL, x->loc, x->subject,
                                "%s, while resources are held for the dump stack: what it does with them is not known",
                                str_get(x->reason));
        }
        if (d)
            d->function = x->root;
    }
}

static void register_hooks(struct analysis *a, const struct check *self)
{
    struct analysis_hooks h = {.check = self, .on_finish = on_finish};
    analysis_subscribe(a, &h);
}

const struct check check_analysis_incomplete = {
    "dump-analysis-incomplete",
    "the analysis lost track of a resource the driver still owed, where a finding could hide",
    SEV_NOTE,
    register_hooks,
};
