/* dump-release-mismatch: a resource is released with a routine of another family. */
#include "checks.h"
#include "../engine/analysis.h"

static void register_hooks(struct analysis *a, const struct check *self)
{
    (void)a;
    (void)self;
}

const struct check check_release_mismatch = {
    "dump-release-mismatch",
    "a resource is released with a routine of another family",
    SEV_WARNING,
    register_hooks,
};
