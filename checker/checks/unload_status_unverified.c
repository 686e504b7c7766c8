/* dump-unload-status-unverified: a path of Dump_Unload returns a status the checker cannot prove conforming (from code outside the analysis). */
#include "checks.h"
#include "status_verdict.h"

static void check_exit(struct analysis *a, const struct check *c, struct state *s, const struct ir_term *t,
                       const struct val *ret)
{
    status_check_exit(a, c, s, t, ret, true, false, true);
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
