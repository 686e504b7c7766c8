/* dump-read-not-enabled: DumpRead is registered but the system will never call it. */
#include "checks.h"
#include "../engine/analysis.h"

static void register_hooks(struct analysis *a, const struct check *self)
{
    (void)a;
    (void)self;
}

const struct check check_read_not_enabled = {
    "dump-read-not-enabled",
    "DumpRead is registered but the system will never call it",
    SEV_WARNING,
    register_hooks,
};
