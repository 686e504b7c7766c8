/* The pipeline: parse -> find callbacks -> build CFG -> dataflow -> rules -> report. */
#include "driver.h"
#include "dump_path.h"

#include "clang_api.h"
#include <stdio.h>
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
    else if (o->project)
        path = config_find_for(o->project);
    else if (!o->build_dir)
        path = config_find_for(".");
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

static bool declared_external(const struct run_ctx *c, str_id name)
{
    for (int i = 0; c->have_cfg && i < c->cfg.nexternal; i++)
        if (!strcmp(c->cfg.external[i], str_get(name)))
            return true;
    return false;
}

/* A routine whose behaviour the rule pack (or the project's configuration)
 * describes needs no body: its documented results are what the analysis uses. */
static bool modelled_routine(const struct rulepack *rp, str_id name)
{
    if (rulepack_find_acquirer(rp, name) || rulepack_find_releaser(rp, name) || rulepack_is_noreturn(rp, name) ||
        rulepack_keeps_pointer(rp, name) || rulepack_accesses_pointer(rp, name) || rulepack_find_returns(rp, name))
        return true;
    for (int i = 0; i < rp->nnon_acquiring; i++)
        if (rp->non_acquiring[i] == name)
            return true;
    return false;
}

static void missing_call_bodies(const struct run_ctx *c, const struct model *m, int f, const struct ir_expr *e,
                                unsigned char *reported, int *missing, struct diag_list *problems)
{
    if (!e)
        return;
    if (e->kind == E_CALL) {
        const struct ir_call *call = e->call;
        int to = call->callee_usr ? model_func(m, call->callee_usr) : -1;
        /* a routine that never returns ends the path: nothing it does matters */
        if (to >= 0 && !m->funcs[to].def && !call->callee_in_system_header && !reported[to] && !call->noreturn &&
            !m->funcs[to].noreturn &&
            !declared_external(c, m->funcs[to].name) && !modelled_routine(&c->rp, call->callee_name)) {
            reported[to] = 1;
            (*missing)++;
            diag_add(problems, NULL, SEV_ERROR, e->loc.line ? e->loc : m->funcs[f].def->loc,
                     "'%s' is called on the dump path (by '%s') but has no body in the analysed sources: add the "
                     "file that defines it, or declare it in .dumpcheck.yaml as `external: [%s]`",
                     str_get(m->funcs[to].name), str_get(m->funcs[f].name), str_get(m->funcs[to].name));
        }
        for (int i = 0; i < call->nargs; i++)
            missing_call_bodies(c, m, f, call->args[i], reported, missing, problems);
        return;
    }
    missing_call_bodies(c, m, f, e->sub[0], reported, missing, problems);
    missing_call_bodies(c, m, f, e->sub[1], reported, missing, problems);
}

/* No silent pass: every registered callback, and every function the entry
 * point and the callbacks call (transitively), must have a body in the
 * analysed sources, or be declared external. Returns how many do not. */
static int check_bodies(const struct run_ctx *c, const struct model *m, struct diag_list *problems)
{
    unsigned char *reported = xcalloc((size_t)m->nfuncs + 1, 1);
    unsigned char *seen = xcalloc((size_t)m->nfuncs + 1, 1);
    int *work = xmalloc(sizeof(int) * ((size_t)m->nfuncs + 1));
    int nwork = 0, missing = 0;
    for (int i = 0; i < m->nregs; i++) {
        const struct registration *reg = &m->regs[i];
        if (reg->func < 0 || reported[reg->func])
            continue;
        if (!m->funcs[reg->func].def && !declared_external(c, m->funcs[reg->func].name)) {
            reported[reg->func] = 1;
            missing++;
            diag_add(problems, NULL, SEV_ERROR, reg->site,
                     "the %s callback '%s' registered here has no body in the analysed sources: add the file that "
                     "defines it (all files of a driver are checked together), or declare it in .dumpcheck.yaml as "
                     "`external: [%s]`",
                     role_field_name(reg->role), str_get(m->funcs[reg->func].name), str_get(m->funcs[reg->func].name));
        } else if (m->funcs[reg->func].def && !seen[reg->func]) {
            seen[reg->func] = 1;
            work[nwork++] = reg->func;
        }
    }
    if (m->entry >= 0 && m->funcs[m->entry].def && !seen[m->entry]) {
        seen[m->entry] = 1;
        work[nwork++] = m->entry;
    }
    while (nwork > 0) {
        int f = work[--nwork];
        const struct ir_func *d = m->funcs[f].def;
        for (int b = 0; b < d->nblocks; b++) {
            for (int k = 0; k < d->blocks[b].nstmts; k++) {
                /* the call that ends a path (it never returns) */
                if (k == d->blocks[b].nstmts - 1 && d->blocks[b].term.kind == T_NORETURN)
                    continue;
                missing_call_bodies(c, m, f, d->blocks[b].stmts[k].rhs, reported, &missing, problems);
                missing_call_bodies(c, m, f, d->blocks[b].stmts[k].lhs, reported, &missing, problems);
            }
        }
        for (int k = 0; k < m->funcs[f].ncallees; k++) {
            int to = m->funcs[f].callees[k];
            if (m->funcs[to].def && !seen[to]) {
                seen[to] = 1;
                work[nwork++] = to;
            }
        }
    }
    free(reported);
    free(seen);
    free(work);
    return missing;
}

/* ---- several dump filters in one call ---- */

static int uf_find(int *parent, int x)
{
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

/* Does this TU's own code store a callback into FILTER_INITIALIZATION_DATA? */
static bool tu_registers(const struct tu_facts *t)
{
    for (int i = 0; i < t->nfuncs; i++) {
        const struct ir_func *f = t->funcs[i];
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nstmts; k++) {
                const struct ir_stmt *st = &f->blocks[b].stmts[k];
                if (st->kind == S_ASSIGN && st->lhs && st->lhs->kind == E_FIELD &&
                    model_is_init_data_record(st->lhs->record) &&
                    role_from_field(str_get(st->lhs->text)) != ROLE_NONE)
                    return true;
            }
    }
    return false;
}

/* The files link to each other by USR (a function or variable defined in
 * one and used in another): the connected components are the drivers. When
 * two or more components each register dump filter callbacks, the call holds
 * several dump filters, which one check cannot take as one driver: say so
 * (naming a file of each), rather than pick one entry point and report the
 * others' callbacks as never registered. Returns how many such drivers. */
static int count_filters(const struct tu_facts *facts, int n, struct diag_list *problems)
{
    if (n < 2)
        return n;
    int *parent = xmalloc(sizeof(int) * (size_t)n);
    for (int i = 0; i < n; i++)
        parent[i] = i;
    /* USR -> the one file that defines it; defined in two files (two
     * DriverEntry), it links nothing: those files go into different images. */
    struct u64map defined = {0};
    for (int t = 0; t < n; t++) {
        for (int i = 0; i < facts[t].nfuncs + facts[t].nglobals; i++) {
            bool is_func = i < facts[t].nfuncs;
            str_id usr = is_func ? facts[t].funcs[i]->usr : facts[t].globals[i - facts[t].nfuncs]->usr;
            loc_t at = is_func ? facts[t].funcs[i]->loc : facts[t].globals[i - facts[t].nfuncs]->loc;
            if (at.file != facts[t].main_file || (!is_func && !facts[t].globals[i - facts[t].nfuncs]->has_definition))
                continue;
            int64_t d;
            u64map_put(&defined, usr, u64map_get(&defined, usr, &d) && d != t ? -1 : t);
        }
    }
    for (int t = 0; t < n; t++) {
        /* what the TU uses: its own declarations, and its shared header block's */
        const struct tu_facts *parts[2] = {&facts[t], facts[t].prefix ? &facts[t].prefix->facts : NULL};
        for (int p = 0; p < 2 && parts[p]; p++) {
            int64_t d;
            for (int i = 0; i < parts[p]->ndecls; i++)
                if (u64map_get(&defined, parts[p]->decls[i].usr, &d) && d >= 0 && d != t)
                    parent[uf_find(parent, t)] = uf_find(parent, (int)d);
            for (int i = 0; i < parts[p]->nglobals; i++)
                if (!parts[p]->globals[i]->has_definition && u64map_get(&defined, parts[p]->globals[i]->usr, &d) &&
                    d >= 0 && d != t)
                    parent[uf_find(parent, t)] = uf_find(parent, (int)d);
        }
    }
    int *first = xmalloc(sizeof(int) * (size_t)n); /* per component root: its first registering TU, or -1 */
    for (int i = 0; i < n; i++)
        first[i] = -1;
    int filters = 0;
    for (int t = 0; t < n; t++) {
        int root = uf_find(parent, t);
        if (first[root] < 0 && tu_registers(&facts[t])) {
            first[root] = t;
            filters++;
        }
    }
    if (filters > 1) {
        loc_t none = {0};
        struct strbuf b = {0};
        for (int t = 0; t < n; t++)
            if (first[uf_find(parent, t)] == t)
                sb_printf(&b, "%s'%s'", b.n ? ", " : "", str_get(facts[t].main_file));
        char *names = sb_take(&b);
        diag_add(problems, NULL, SEV_ERROR, none,
                 "the files hold %d dump filters that do not link to each other (registering in %s): check each "
                 "driver on its own (its files, or its own compile database)",
                 filters, names);
        free(names);
    }
    free(first);
    free(parent);
    u64map_free(&defined);
    return filters;
}

int dumpcheck_analyze(const struct options *o, struct run_result *r)
{
    memset(r, 0, sizeof *r);
    struct run_ctx c;
    memset(&c, 0, sizeof c);
    c.o = o;
    r->status = EXIT_CANNOT_CHECK;
    str_id *no_directives = NULL;
    char *checks = NULL;
    int nno_directives = 0;
    phase_times_enabled();
    /* A run that will parse loads libclang alongside everything before the
     * parse (the configuration does not choose the cache or the files). */
    if (cache_expects_parse(o))
        clang_api_start();
    if (load_configuration(&c, &r->problems) != 0)
        goto out;
    checks = config_effective_checks(o->checks, c.have_cfg ? &c.cfg : NULL);
    if (checks_enabled_count(checks) == 0) {
        loc_t none = {0};
        diag_add(&r->problems, NULL, SEV_ERROR, none,
                 "the rules '%s' (%s) enable none: nothing would be checked (see --list-checks)", checks,
                 o->checks && c.have_cfg && c.cfg.checks ? "the configuration file's, then --checks"
                 : o->checks ? "--checks" : "the configuration file's");
        goto out;
    }
    phase_mark("configuration");

    struct project p;
    if (project_load(o, c.have_cfg && c.cfg.has_compile ? &c.cfg.compile : NULL, &p, &r->problems) != 0) {
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
    r->proof.nfiles = ntus;
    project_free(&p);
    if (sys_errors > 0) {
        loc_t none = {0};
        diag_add(&r->problems, NULL, SEV_NOTE, none,
                 "%d error%s inside system headers ignored (first: %s); the checked files themselves parsed cleanly",
                 sys_errors, sys_errors == 1 ? "" : "s", first_sys);
    }
    free(first_sys);
    bool several = failed == 0 && count_filters(facts, nfacts, &r->problems) > 1;
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
    if (several && !o->list_callbacks)
        goto out;
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
    int missing = check_bodies(&c, r->model, &r->problems);
    if (missing > 0) {
        loc_t none = {0};
        diag_add(&r->problems, NULL, SEV_ERROR, none,
                 "%d function%s on the dump path ha%s no body in the analysed sources: not checked", missing,
                 missing == 1 ? "" : "s", missing == 1 ? "s" : "ve");
        goto out;
    }
    /* A function of the dump path the analyses cannot see is no pass. */
    if (dump_path_unanalysable(r->model, &r->problems) > 0)
        goto out;
    struct analysis_options ao = {0};
    ao.checks = checks;
    ao.proof = &r->proof;
    analysis_run(r->model, &ao, &r->findings);
    phase_mark("analysis");
    apply_severities(&c, &r->findings);
    diag_list_sort(&r->findings);
    suppressions_apply(o, &r->findings, no_directives, nno_directives);
    if (baseline_apply(o, &r->findings, &r->problems) != 0)
        goto out;
    proof_link_findings(&r->proof, &r->findings);
    enum severity fail_on = o->has_fail_on ? o->fail_on : (c.have_cfg && c.cfg.has_fail_on ? c.cfg.fail_on : SEV_WARNING);
    r->status = EXIT_CLEAN;
    for (size_t i = 0; i < r->findings.n; i++)
        if (!r->findings.v[i].suppressed && r->findings.v[i].sev >= fail_on)
            r->status = EXIT_FINDINGS;
out:
    free(no_directives);
    free(checks);
    if (c.have_cfg)
        config_free(&c.cfg);
    /* The rule pack must outlive the model's use of it during output. */
    rulepack_free(&c.rp);
    if (r->model)
        r->model->rp = NULL;
    return r->status;
}

static void print_yaml_scalar(FILE *out, const char *s)
{
    /* Quoted when plain YAML would read it otherwise. */
    bool indicator = strchr("-?:", s[0]) && (s[1] == 0 || s[1] == ' ');
    bool plain = *s && !indicator && !strchr(",[]{}#&*!|>'\"%@`~ ", s[0]) && !strstr(s, ": ") && !strstr(s, " #") &&
                 s[strlen(s) - 1] != ':' && s[strlen(s) - 1] != ' ' && strcmp(s, "~") != 0;
    for (const char *c = s; *c && plain; c++)
        plain = *c >= ' ' && *c != '"' && *c != '\\';
    if (plain) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (const char *c = s; *c; c++) {
        if (*c == '"' || *c == '\\')
            fputc('\\', out);
        if ((unsigned char)*c < ' ')
            fprintf(out, "\\x%02x", (unsigned char)*c);
        else
            fputc(*c, out);
    }
    fputc('"', out);
}

static void print_yaml_list(FILE *out, const char *indent, const char *key, char *const *v, int n)
{
    fprintf(out, "%s%s: [", indent, key);
    for (int i = 0; i < n; i++) {
        fputs(i ? ", " : "", out);
        print_yaml_scalar(out, v[i]);
    }
    fputs("]\n", out);
}

int dumpcheck_dump_config(const struct options *o, FILE *out, struct diag_list *problems)
{
    struct run_ctx c;
    memset(&c, 0, sizeof c);
    c.o = o;
    int rc = EXIT_CANNOT_CHECK;
    if (load_configuration(&c, problems) != 0)
        goto done;
    const struct config_compile *cc = c.have_cfg && c.cfg.has_compile ? &c.cfg.compile : NULL;
    fputs("config-file: ", out);
    if (c.have_cfg)
        print_yaml_scalar(out, c.cfg.path);
    else
        fputs("~", out);
    fputs("\nchecks: ", out);
    print_yaml_scalar(out, o->checks ? o->checks : c.have_cfg && c.cfg.checks ? c.cfg.checks : "*");
    fprintf(out, "\nfail-on: %s\n",
            severity_name(o->has_fail_on ? o->fail_on : c.have_cfg && c.cfg.has_fail_on ? c.cfg.fail_on : SEV_WARNING));
    fputs("severities: {", out);
    int nsev = 0;
    for (int k = 0; c.have_cfg && k < c.cfg.nseverities; k++) {
        bool overridden = false;
        for (int j = 0; j < o->nseverity_overrides; j++)
            overridden |= !strncmp(o->severity_overrides[j], c.cfg.severities[k].rule, strlen(c.cfg.severities[k].rule)) &&
                          o->severity_overrides[j][strlen(c.cfg.severities[k].rule)] == '=';
        if (!overridden)
            fprintf(out, "%s%s: %s", nsev++ ? ", " : "", c.cfg.severities[k].rule, severity_name(c.cfg.severities[k].sev));
    }
    for (int j = 0; j < o->nseverity_overrides; j++) {
        const char *eq = strchr(o->severity_overrides[j], '=');
        fprintf(out, "%s%.*s: %s", nsev++ ? ", " : "", (int)(eq - o->severity_overrides[j]), o->severity_overrides[j], eq + 1);
    }
    fputs("}\ncompile:\n  project: ", out);
    const char *project = o->project ? o->project : cc && cc->project ? cc->project : NULL;
    if (project)
        print_yaml_scalar(out, project);
    else
        fputs("~", out);
    fputs("\n  configuration: ", out);
    const char *cfg = o->configuration ? o->configuration : cc && cc->configuration ? cc->configuration : NULL;
    if (cfg)
        print_yaml_scalar(out, cfg);
    else
        fputs("~  # the default: Release|x64, or the project's nearest", out);
    fputs("\n", out);
    if (o->build_dir) {
        fputs("  compile-database: ", out);
        print_yaml_scalar(out, o->build_dir);
        fputs("\n", out);
    }
    struct config_compile none = {0};
    const struct config_compile *shown = cc ? cc : &none;
    print_yaml_list(out, "  ", "sources", shown->sources.v, shown->sources.n);
    print_yaml_list(out, "  ", "exclude", shown->exclude.v, shown->exclude.n);
    print_yaml_list(out, "  ", "add", shown->add.v, shown->add.n);
    print_yaml_list(out, "  ", "remove", shown->remove.v, shown->remove.n);
    print_yaml_list(out, "  ", "include", shown->include.v, shown->include.n);
    print_yaml_list(out, "  ", "define", shown->define.v, shown->define.n);
    print_yaml_list(out, "  ", "force-include", shown->force_include.v, shown->force_include.n);
    print_yaml_list(out, "  ", "after-dashes", (char *const *)o->extra_args, o->nextra_args);
    struct project p;
    memset(&p, 0, sizeof p);
    if (project_sources(o, cc, &p, problems) == 0) {
        fputs("translation-units:\n", out);
        for (int i = 0; i < p.ntus; i++) {
            fputs("  - file: ", out);
            print_yaml_scalar(out, p.tus[i].file);
            fprintf(out, "\n    language: %s\n", p.tus[i].is_cplusplus ? "c++" : "c");
            print_yaml_list(out, "    ", "arguments", p.tus[i].args, p.tus[i].nargs);
        }
        rc = EXIT_CLEAN;
    }
    project_free(&p);
done:
    if (c.have_cfg)
        config_free(&c.cfg);
    rulepack_free(&c.rp);
    return rc;
}

void run_result_free(struct run_result *r)
{
    diag_list_free(&r->findings);
    diag_list_free(&r->problems);
    proof_free(&r->proof);
    if (r->model) {
        model_free(r->model);
        free(r->model);
    }
    memset(r, 0, sizeof *r);
}
