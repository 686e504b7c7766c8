/* The pipeline: parse -> find callbacks -> build CFG -> dataflow -> rules -> report. */
#include "driver.h"

#include "clang_api.h"
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "config.h"
#include "engine/analysis.h"
#include "model.h"
#include "parse_all.h"
#include "project.h"
#include "rulepack.h"
#include "report/suppress.h"
#include "util/phase_times.h"

struct run_ctx {
    const struct options *o;
    struct rulepack rp;
    struct config cfg;
    bool have_cfg;
};

static bool noreturn_name(str_id name, void *ud)
{
    const struct rulepack *rp = ud;
    return rulepack_is_noreturn(rp, name);
}

static int load_configuration(struct run_ctx *c, struct diag_list *problems)
{
    const struct options *o = c->o;
    char *err = NULL;
    loc_t none = {0};
    if (rulepack_load_builtin(&c->rp, &err) != 0) {
        diag_add(problems, NULL, SEV_ERROR, none, "internal error: the built-in rule pack does not load: %s", err);
        free(err);
        return -1;
    }
    char *path = NULL;
    if (o->config_file)
        path = xstrdup(o->config_file);
    else if (o->nfiles > 0)
        path = config_find_for(o->files[0]);
    if (!path)
        return 0;
    if (config_load(path, &c->cfg, &err) != 0) {
        diag_add(problems, NULL, SEV_ERROR, none, "%s", err);
        free(err);
        free(path);
        return -1;
    }
    c->have_cfg = true;
    if (c->cfg.resources_yaml &&
        rulepack_add_yaml(&c->rp, c->cfg.resources_yaml, c->cfg.resources_len, path, &err) != 0) {
        diag_add(problems, NULL, SEV_ERROR, none, "%s", err);
        free(err);
        free(path);
        return -1;
    }
    free(path);
    return 0;
}

/* Findings' severities: rule default, then the configuration, then the
 * command line. */
static void apply_severities(struct run_ctx *c, struct diag_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct diag *d = &l->v[i];
        if (!d->rule)
            continue;
        if (c->have_cfg)
            for (int k = 0; k < c->cfg.nseverities; k++)
                if (!strcmp(c->cfg.severities[k].rule, d->rule))
                    d->sev = c->cfg.severities[k].sev;
        for (int k = 0; k < c->o->nseverity_overrides; k++) {
            const char *ov = c->o->severity_overrides[k];
            const char *eq = strchr(ov, '=');
            if (eq && (size_t)(eq - ov) == strlen(d->rule) && !strncmp(ov, d->rule, (size_t)(eq - ov)))
                severity_parse(eq + 1, &d->sev);
        }
    }
}

int dumpcheck_analyze(const struct options *o, struct run_result *r)
{
    memset(r, 0, sizeof *r);
    struct run_ctx c;
    memset(&c, 0, sizeof c);
    c.o = o;
    r->status = EXIT_CANNOT_CHECK;
    str_id *no_directives = NULL;
    int nno_directives = 0;
    phase_times_enabled();
    /* A run that will parse loads libclang alongside everything before the
     * parse (the configuration does not choose the cache or the files). */
    if (cache_expects_parse(o))
        clang_api_start();
    if (load_configuration(&c, &r->problems) != 0)
        goto out;
    phase_mark("configuration");

    struct project p;
    if (project_load(o, &p, &r->problems) != 0) {
        project_free(&p);
        goto out;
    }
    phase_mark("project");
    struct lower_options lo = {noreturn_name, &c.rp, 1500};
    struct tu_facts *facts = xcalloc((size_t)p.ntus, sizeof *facts);
    struct parse_summary ps;
    parse_all(&p, o, &lo, lower_fingerprint(c.rp.noreturn, c.rp.nnoreturn, lo.max_depth), facts, &ps, &r->problems);
    int nfacts = ps.nfacts, failed = ps.failed, sys_errors = ps.system_header_errors;
    no_directives = ps.no_directives;
    nno_directives = ps.nno_directives;
    char *first_sys = ps.first_system_error;
    int ntus = p.ntus;
    project_free(&p);
    if (sys_errors > 0) {
        loc_t none = {0};
        diag_add(&r->problems, NULL, SEV_NOTE, none,
                 "%d error%s inside system headers ignored (first: %s); the checked files themselves parsed cleanly",
                 sys_errors, sys_errors == 1 ? "" : "s", first_sys);
    }
    free(first_sys);
    r->model = xcalloc(1, sizeof *r->model);
    model_build(r->model, facts, nfacts, &c.rp);
    phase_mark("model");
    if (failed > 0 && ps.no_parser)
        goto out;
    if (failed > 0) {
        loc_t none = {0};
        diag_add(&r->problems, NULL, SEV_ERROR, none, "%d file%s could not be compiled: not checked (fix the errors above)",
                 failed, failed == 1 ? "" : "s");
        goto out;
    }
    if (o->dump_ir) {
        r->status = EXIT_CLEAN;
        goto out;
    }
    if (r->model->nregs == 0) {
        loc_t none = {0};
        diag_add(&r->problems, NULL, SEV_ERROR, none,
                 "no dump filter found: nothing stores a callback into FILTER_INITIALIZATION_DATA "
                 "(DumpStart, DumpWrite, DumpFinish, DumpUnload, DumpRead) in the %d file%s checked",
                 ntus, ntus == 1 ? "" : "s");
        goto out;
    }
    if (o->list_callbacks) {
        r->status = EXIT_CLEAN;
        goto out;
    }
    struct analysis_options ao = {0};
    ao.checks = o->checks ? o->checks : (c.have_cfg && c.cfg.checks ? c.cfg.checks : "*");
    analysis_run(r->model, &ao, &r->findings);
    phase_mark("analysis");
    apply_severities(&c, &r->findings);
    diag_list_sort(&r->findings);
    suppressions_apply(o, &r->findings, no_directives, nno_directives);
    if (baseline_apply(o, &r->findings, &r->problems) != 0)
        goto out;
    enum severity fail_on = o->has_fail_on ? o->fail_on : (c.have_cfg && c.cfg.has_fail_on ? c.cfg.fail_on : SEV_WARNING);
    r->status = EXIT_CLEAN;
    for (size_t i = 0; i < r->findings.n; i++)
        if (!r->findings.v[i].suppressed && r->findings.v[i].sev >= fail_on)
            r->status = EXIT_FINDINGS;
out:
    free(no_directives);
    if (c.have_cfg)
        config_free(&c.cfg);
    /* The rule pack must outlive the model's use of it during output. */
    rulepack_free(&c.rp);
    if (r->model)
        r->model->rp = NULL;
    return r->status;
}

void run_result_free(struct run_result *r)
{
    diag_list_free(&r->findings);
    diag_list_free(&r->problems);
    if (r->model) {
        model_free(r->model);
        free(r->model);
    }
    memset(r, 0, sizeof *r);
}
