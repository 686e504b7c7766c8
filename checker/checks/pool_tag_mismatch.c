/* dump-pool-tag-mismatch: ExFreePoolWithTag with a tag other than the allocation's. */
#include "checks.h"
#include "../engine/analysis.h"

static void register_hooks(struct analysis *a, const struct check *self)
{
    (void)a;
    (void)self;
}

const struct check check_pool_tag_mismatch = {
    "dump-pool-tag-mismatch",
    "ExFreePoolWithTag with a tag other than the allocation's",
    SEV_WARNING,
    register_hooks,
};
