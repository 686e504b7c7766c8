/* A rule pack in YAML (the schema of rules/families.yaml) added to the
 * built-in one. */
#include "fuzz_util.h"

#include "rulepack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reset_strings();
    struct rulepack rp;
    char *err = NULL;
    if (rulepack_load_builtin(&rp, &err) != 0)
        abort();
    if (rulepack_add_yaml(&rp, (const char *)data, size, "fuzz.yaml", &err) != 0)
        free(err);
    rulepack_free(&rp);
    return 0;
}
