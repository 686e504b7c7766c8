/* dump-unload-status: a path of Dump_Unload returns something other than STATUS_SUCCESS or an ntstatus.h error. */
#include "checks.h"
#include "status_verdict.h"

static void check_exit(struct analysis *a, const struct check *c, struct state *s, const struct ir_term *t,
                       const struct val *ret)
{
    status_check_exit(a, c, s, t, ret, true, false, false);
}

static void register_hooks(struct analysis *a, const struct check *self)
{
    struct analysis_hooks h = {.check = self, .on_exit = check_exit};
    analysis_subscribe(a, &h);
}

const struct check check_unload_status = {
    "dump-unload-status",
    "a path of Dump_Unload returns something other than STATUS_SUCCESS or an ntstatus.h error",
    SEV_WARNING,
    register_hooks,
};
