/* dump-callback-signature: a registered function's type differs from the callback's PDUMP_xxx type. */
#include "checks.h"
#include "../engine/analysis.h"

static void register_hooks(struct analysis *a, const struct check *self)
{
    (void)a;
    (void)self;
}

const struct check check_callback_signature = {
    "dump-callback-signature",
    "a registered function's type differs from the callback's PDUMP_xxx type",
    SEV_WARNING,
    register_hooks,
};
