/* A baseline file (--baseline), applied to a few findings as a run does. */
#include "fuzz_util.h"

#include "options.h"
#include "report/diag.h"
#include "report/suppress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reset_strings();
    const char *path = fuzz_input_file("baseline.json", data, size);
    struct options o;
    options_init(&o);
    o.baseline = path;
    struct diag_list findings = {0}, problems = {0};
    loc_t at = {str_intern("unload.c"), 12, 5};
    diag_add(&findings, "dump-unload-status", SEV_WARNING, at, "Dump_Unload 'FltDumpUnload' returns STATUS_PENDING");
    at.line = 30;
    diag_add(&findings, "dump-unload-leak", SEV_WARNING, at, "MDL 'ctx->Mdl' is not released");
    baseline_apply(&o, &findings, &problems);
    diag_list_free(&findings);
    diag_list_free(&problems);
    return 0;
}
