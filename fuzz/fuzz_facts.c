/* The facts decoder (a cache entry's payload, or a shared header's facts)
 * and, for what it accepts, the model and every analysis: what a forged
 * cache entry with a valid checksum would reach. */
#include "fuzz_util.h"

#include "engine/analysis.h"
#include "facts_io.h"
#include "model.h"
#include "report/diag.h"
#include "rulepack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reset_strings();
    struct rulepack rp;
    char *err = NULL;
    if (rulepack_load_builtin(&rp, &err) != 0)
        abort();
    struct tu_facts *tu = calloc(1, sizeof *tu);
    if (facts_deserialize(data, size, tu) == 0) {
        struct model m;
        model_build(&m, tu, 1, &rp);
        struct diag_list findings = {0};
        struct analysis_options ao = {0};
        ao.checks = "*";
        analysis_run(&m, &ao, &findings);
        diag_list_free(&findings);
        model_free(&m); /* frees the facts it was given */
    } else {
        free(tu);
    }
    rulepack_free(&rp);
    return 0;
}
