/* dump-unload-status-unverified: a path returns a status the checker cannot prove conforming (from code outside the analysis). */
#include "checks.h"
#include "../engine/analysis.h"

static void register_hooks(struct analysis *a, const struct check *self)
{
    (void)a;
    (void)self;
}

const struct check check_unload_status_unverified = {
    "dump-unload-status-unverified",
    "a path returns a status the checker cannot prove conforming (from code outside the analysis)",
    SEV_NOTE,
    register_hooks,
};
