/* dump-callback-status: a path of DumpStart, DumpWrite, DumpFinish or DumpRead breaks the same return contract. */
#include "checks.h"
#include "status_verdict.h"

static void check_exit(struct analysis *a, const struct check *c, struct state *s, const struct ir_term *t,
                       const struct val *ret)
{
    status_check_exit(a, c, s, t, ret, false, true, false);
}

static void register_hooks(struct analysis *a, const struct check *self)
{
    struct analysis_hooks h = {.check = self, .on_exit = check_exit};
    analysis_subscribe(a, &h);
}

const struct check check_callback_status = {
    "dump-callback-status",
    "a path of DumpStart, DumpWrite, DumpFinish or DumpRead breaks the same return contract",
    SEV_WARNING,
    register_hooks,
};
