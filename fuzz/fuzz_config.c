/* .dumpcheck.yaml: the configuration loader and, as a run does, the rule
 * pack additions of its `resources:` section. */
#include "fuzz_util.h"

#include "config.h"
#include "rulepack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reset_strings();
    const char *path = fuzz_input_file(".dumpcheck.yaml", data, size);
    struct config cfg;
    char *err = NULL;
    if (config_load(path, &cfg, &err) != 0) {
        free(err);
        return 0;
    }
    if (cfg.resources_yaml) {
        struct rulepack rp;
        if (rulepack_load_builtin(&rp, &err) != 0)
            abort();
        if (rulepack_add_yaml(&rp, cfg.resources_yaml, cfg.resources_len, cfg.path, &err) != 0)
            free(err);
        rulepack_free(&rp);
    }
    config_free(&cfg);
    return 0;
}
