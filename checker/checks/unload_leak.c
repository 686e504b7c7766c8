/* dump-unload-leak: a resource acquired for the dump stack is not released on some path of Dump_Unload. */
#include "checks.h"
#include "../engine/analysis.h"

static void register_hooks(struct analysis *a, const struct check *self)
{
    (void)a;
    (void)self;
}

const struct check check_unload_leak = {
    "dump-unload-leak",
    "a resource acquired for the dump stack is not released on some path of Dump_Unload",
    SEV_WARNING,
    register_hooks,
};
