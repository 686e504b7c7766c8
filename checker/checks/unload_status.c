/* dump-unload-status: a path of Dump_Unload returns something other than STATUS_SUCCESS or an ntstatus.h error. */
#include "checks.h"
#include "../engine/analysis.h"

static void register_hooks(struct analysis *a, const struct check *self)
{
    (void)a;
    (void)self;
}

const struct check check_unload_status = {
    "dump-unload-status",
    "a path of Dump_Unload returns something other than STATUS_SUCCESS or an ntstatus.h error",
    SEV_WARNING,
    register_hooks,
};
