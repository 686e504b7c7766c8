/* dump-double-release: a resource is released twice on one path. */
#include "checks.h"
#include "../engine/analysis.h"

static void register_hooks(struct analysis *a, const struct check *self)
{
    (void)a;
    (void)self;
}

const struct check check_double_release = {
    "dump-double-release",
    "a resource is released twice on one path",
    SEV_WARNING,
    register_hooks,
};
