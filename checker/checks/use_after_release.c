/* dump-use-after-release: memory is read or written after it was released. */
#include "checks.h"
#include "../engine/analysis.h"

static void register_hooks(struct analysis *a, const struct check *self)
{
    (void)a;
    (void)self;
}

const struct check check_use_after_release = {
    "dump-use-after-release",
    "memory is read or written after it was released",
    SEV_WARNING,
    register_hooks,
};
