/* dump-callback-missing: a callback the driver clearly meant to register is not registered. */
#include "checks.h"
#include "../engine/analysis.h"

static void register_hooks(struct analysis *a, const struct check *self)
{
    (void)a;
    (void)self;
}

const struct check check_callback_missing = {
    "dump-callback-missing",
    "a callback the driver clearly meant to register is not registered",
    SEV_WARNING,
    register_hooks,
};
