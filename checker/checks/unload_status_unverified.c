/* dump-unload-status-unverified: a path of Dump_Unload returns a status the checker cannot prove conforming (from code outside the analysis). */
#include "checks.h"
#include "status_verdict.h"

static void check_exit(struct analysis *a, const struct check *c, struct state *s, const struct ir_term *t,
                    const struct val *ret)
{
    if (!status_rule_applies(a) || !(a->role == ROLE_UNLOAD))
        return;
    struct status_issue is[8];
    int n = status_issues(ret, t, is, 8);
    for (int i = 0; i < n; i++)
        if (is[i].kind == SK_UNVERIFIED)
            status_report(a, c, s, t, &is[i]);
}

static void register_hooks(struct analysis *a, const struct check *self)
{
    struct analysis_hooks h = {.check = self, .on_exit = check_exit};
    analysis_subscribe(a, &h);
}

const struct check check_unload_status_unverified = {
    "dump-unload-status-unverified",
    "a path of Dump_Unload returns a status the checker cannot prove conforming (from code outside the analysis)",
    SEV_NOTE,
    register_hooks,
};
