/* dump-callback-status: a path of DumpStart, DumpWrite, DumpFinish or DumpRead breaks the same return contract. */
#include "checks.h"
#include "../engine/analysis.h"

static void register_hooks(struct analysis *a, const struct check *self)
{
    (void)a;
    (void)self;
}

const struct check check_callback_status = {
    "dump-callback-status",
    "a path of DumpStart, DumpWrite, DumpFinish or DumpRead breaks the same return contract",
    SEV_WARNING,
    register_hooks,
};
