/* Command-line parsing (clang-tidy conventions) and dispatch. */
#include "cli.h"

#include "clang_api.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "checks/checks.h"
#include "config.h"
#include "driver.h"
#include "model.h"
#include "util/phase_times.h"
#include "options.h"
#include "precommit.h"
#include "report/verify.h"
#include "resident.h"
#include "rulepack.h"

static const char usage_text[] =
    "usage: dumpcheck [options] FILE... [-- COMPILER-ARGS...]\n"
    "       dumpcheck [options] -p BUILD-DIR [FILE...]\n"
    "       dumpcheck [options] --project=FILE [FILE...]\n"
    "       dumpcheck --lsp\n"
    "\n"
    "Checks a Windows crash-dump filter driver: finds the callbacks registered in\n"
    "FILTER_INITIALIZATION_DATA and proves, path by path, that Dump_Unload returns\n"
    "STATUS_SUCCESS or an ntstatus.h error and releases everything acquired for\n"
    "the dump stack. All FILEs of one call form one driver.\n"
    "\n"
    "Input:\n"
    "  -p DIR                 read DIR/compile_commands.json; with no FILE, check every entry\n"
    "  --project=FILE         read the driver's own build: a .vcxproj, a .sln, or a WDK sources\n"
    "                         (or dirs) file; with no FILE, check every file it compiles\n"
    "  --configuration=CFG    the MSBuild configuration and platform (default Release|x64)\n"
    "  --dump-config          print the effective settings and each file's arguments, and exit\n"
    "  -- ARGS                compiler arguments added to every file's command\n"
    "  --config-file=FILE     use FILE instead of the nearest .dumpcheck.yaml\n"
    "\n"
    "Rules:\n"
    "  --checks=GLOBS         enable/disable rules: '*,-dump-pool-tag-mismatch'\n"
    "  --list-checks          list the rules and exit\n"
    "  --severity=RULE=LEVEL  report RULE as note, warning or error\n"
    "  --fail-on=LEVEL        exit 1 on findings at or above note|warning|error (default warning)\n"
    "\n"
    "Output:\n"
    "  --format=text|json|sarif  text (clang style, default), LSP diagnostics as JSON, SARIF 2.1.0\n"
    "  -o FILE                write the report to FILE\n"
    "  --sarif-root=DIR       make SARIF URIs relative to DIR\n"
    "  --color=auto|always|never\n"
    "  --quiet                no summary line (text: the last line, on stderr)\n"
    "  --summary              the whole account: each callback's statuses, each resource's\n"
    "                         acquisition and releases, every assumption the analysis made\n"
    "  --list-callbacks       print the entry point and each registered callback, and exit\n"
    "  --dump-ir              print the lowered control-flow graphs, and exit\n"
    "\n"
    "Adoption:\n"
    "  --baseline=FILE        do not report findings recorded in FILE\n"
    "  --write-baseline=FILE  record the current findings in FILE\n"
    "  --warn-unused-suppressions  report NOLINT comments that suppress nothing\n"
    "  --verify[=PREFIX]      check findings against '// PREFIX-warning{{text}}' comments\n"
    "                         (PREFIX defaults to 'expected'), as clang -verify does\n"
    "\n"
    "Performance:\n"
    "  -j N, -jN              parse N translation units at once (default: number of cores)\n"
    "  --cache-dir=DIR        cache per-file facts in DIR;  --no-cache  to disable\n"
    "  --cache-max-size=SIZE  trim the cache's least recently used files beyond SIZE\n"
    "                         (K, M, G suffixes; 0: no limit; default 1G)\n"
    "  --trim-cache           trim the cache now, print what it holds, and exit\n"
    "  --resident             hand the run to a background dumpcheck that keeps libclang\n"
    "                         loaded (started by the first such run; leaves when idle)\n"
    "  --start-resident, --stop-resident  start it now (and wait), or stop it\n"
    "\n"
    "Hooks:\n"
    "  --pre-commit           FILEs are staged files: check, each whole, the drivers they belong\n"
    "                         to (a compile_commands.json or .dumpcheck.yaml in their folder or\n"
    "                         above); files of no driver are skipped with a note\n"
    "\n"
    "Other:\n"
    "  --lsp                  run as a language server on stdin/stdout\n"
    "  --version, --help\n"
    "\n"
    "Exit status: 0 no findings at or above --fail-on, 1 findings, 2 could not check\n"
    "(usage error, missing or unreadable file, compile errors, no dump filter registration).\n";

void options_init(struct options *o)
{
    memset(o, 0, sizeof *o);
    o->fail_on = SEV_WARNING;
    o->color = -1;
}

/* `--name=value` or `--name value`; returns the value or NULL. */
static const char *opt_value(const char *name, int argc, char **argv, int *i)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] == 0 && *i + 1 < argc) {
        (*i)++;
        return argv[*i];
    }
    return NULL;
}

/* A byte count: digits, then K, M, G or T (powers of 1024; "MiB" and "MB"
 * read the same). */
static bool parse_size(const char *v, uint64_t *out)
{
    char *end;
    errno = 0;
    if (*v < '0' || *v > '9')
        return false;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno)
        return false;
    int shift = 0;
    const char *units = "KMGT";
    const char *u = *end ? strchr(units, *end >= 'a' ? *end - 'a' + 'A' : *end) : NULL;
    if (*end && !u)
        return false;
    if (u) {
        shift = 10 * (int)(u - units + 1);
        end++;
        if (!strcmp(end, "iB") || !strcmp(end, "B"))
            end += strlen(end);
    }
    if (*end || (shift && n > (UINT64_MAX >> shift)))
        return false;
    *out = (uint64_t)n << shift;
    return true;
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "dumpcheck: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see 'dumpcheck --help')\n");
    return EXIT_CANNOT_CHECK;
}

static int print_version(void)
{
    const char *why;
    if (clang_api_wait(&why) != 0) {
        fprintf(stderr, "dumpcheck: error: %s\n", why);
        return EXIT_CANNOT_CHECK;
    }
    CXString v = clang_getClangVersion();
    printf("dumpcheck %s\nusing libclang: %s\nNTSTATUS table: %zu names\n", DUMPCHECK_VERSION,
           clang_getCString(v), ntstatus_count());
    clang_disposeString(v);
    return 0;
}

/* The rules as a run would apply them: --checks, else the configuration
 * file's (the one a check of the first FILE, or of the current folder,
 * would read), else all; and each rule's severity as configured. */
static int list_checks(const struct options *o)
{
    struct config cfg;
    bool have_cfg = false;
    {
        char *path = o->config_file ? xstrdup(o->config_file) : config_find_for(o->nfiles > 0 ? o->files[0] : ".");
        char *err = NULL;
        if (path && config_load(path, &cfg, &err) != 0) {
            fprintf(stderr, "dumpcheck: error: %s\n", err);
            free(err);
            free(path);
            return EXIT_CANNOT_CHECK;
        }
        have_cfg = path != NULL;
        free(path);
    }
    char *globs = config_effective_checks(o->checks, have_cfg ? &cfg : NULL);
    size_t n;
    const struct check *const *all = checks_all(&n);
    for (size_t i = 0; i < n; i++) {
        bool on = checks_glob_enabled(globs, all[i]->id);
        enum severity sev = all[i]->default_sev;
        for (int k = 0; have_cfg && k < cfg.nseverities; k++)
            if (!strcmp(cfg.severities[k].rule, all[i]->id))
                sev = cfg.severities[k].sev;
        for (int k = 0; k < o->nseverity_overrides; k++) {
            const char *ov = o->severity_overrides[k], *eq = strchr(ov, '=');
            if (eq && (size_t)(eq - ov) == strlen(all[i]->id) && !strncmp(ov, all[i]->id, (size_t)(eq - ov)))
                severity_parse(eq + 1, &sev);
        }
        printf("%-32s %-8s %s%s\n", all[i]->id, severity_name(sev), all[i]->summary, on ? "" : " (disabled)");
    }
    int rc = 0;
    if (checks_enabled_count(globs) == 0) {
        fprintf(stderr, "dumpcheck: error: the rules '%s' enable none: nothing would be checked\n", globs);
        rc = EXIT_CANNOT_CHECK;
    }
    free(globs);
    if (have_cfg)
        config_free(&cfg);
    return rc;
}

static void print_list_callbacks(const struct model *m)
{
    if (m->entry >= 0) {
        const struct mfunc *e = &m->funcs[m->entry];
        printf("entry point: %s (%s:%u:%u)\n", str_get(e->name), str_get(e->def->loc.file), e->def->loc.line,
               e->def->loc.col);
        printf("  why: %s\n", m->entry_why ? m->entry_why : "");
    } else {
        printf("entry point: none found\n");
    }
    for (int i = 0; i < m->nregs; i++) {
        const struct registration *r = &m->regs[i];
        const char *fn = r->func >= 0 ? str_get(m->funcs[r->func].name) : r->role == ROLE_DATA ? "(context)" : "(unresolved)";
        printf("%-11s %-24s", role_field_name(r->role), fn);
        if (r->func >= 0 && m->funcs[r->func].def) {
            loc_t l = m->funcs[r->func].def->loc;
            printf(" defined at %s:%u:%u", str_get(l.file), l.line, l.col);
        } else if (r->func >= 0) {
            printf(" (no body in the analysed sources)");
        }
        printf("  registered at %s:%u:%u", str_get(r->site.file), r->site.line, r->site.col);
        if (r->in_func >= 0)
            printf(" in %s", str_get(m->funcs[r->in_func].name));
        else
            printf(" in a global's initializer");
        if (r->via)
            printf(" via %s", str_get(r->via));
        if (r->through_cast)
            printf(" (through a cast)");
        /* A later store of the same role in the same function replaces
         * this one on the paths through both. */
        for (int k = i + 1; k < m->nregs; k++) {
            const struct registration *later = &m->regs[k];
            if (later->role == r->role && later->in_func == r->in_func && later->func != r->func &&
                later->site.file == r->site.file && later->site.line > r->site.line) {
                printf(" (replaced by the registration at line %u)", later->site.line);
                break;
            }
        }
        printf("\n");
    }
}

/* Compile errors and other reasons the check could not run, clang style.
 * Repeats are shown once, and at most 20 errors per file. */
static void print_problems(const struct run_result *r)
{
    enum { MAX_PER_FILE = 20 };
    str_id file = 0;
    int shown_in_file = 0, hidden_in_file = 0;
    const struct diag *prev = NULL;
    for (size_t i = 0; i <= r->problems.n; i++) {
        const struct diag *d = i < r->problems.n ? &r->problems.v[i] : NULL;
        if (!d || d->loc.file != file) {
            if (hidden_in_file > 0)
                fprintf(stderr, "%s: note: %d more error%s not shown\n", str_get(file), hidden_in_file,
                        hidden_in_file == 1 ? "" : "s");
            if (!d)
                break;
            file = d->loc.file;
            shown_in_file = hidden_in_file = 0;
        }
        if (prev && prev->loc.file == d->loc.file && prev->loc.line == d->loc.line && prev->loc.col == d->loc.col &&
            !strcmp(prev->msg, d->msg))
            continue;
        prev = d;
        if (d->loc.file && d->sev == SEV_ERROR && ++shown_in_file > MAX_PER_FILE) {
            hidden_in_file++;
            continue;
        }
        if (loc_valid(d->loc))
            fprintf(stderr, "%s:%u:%u: %s: %s\n", str_get(d->loc.file), d->loc.line, d->loc.col,
                    severity_name(d->sev), d->msg);
        else if (d->loc.file)
            fprintf(stderr, "%s: %s: %s\n", str_get(d->loc.file), severity_name(d->sev), d->msg);
        else
            fprintf(stderr, "dumpcheck: %s: %s\n", severity_name(d->sev), d->msg);
    }
}

int lsp_main(const struct options *o);

static double mib(uint64_t bytes)
{
    return (double)bytes / (1024.0 * 1024.0);
}

static int trim_cache_now(const struct options *o)
{
    char *base = cache_folder(o);
    if (!base) {
        fprintf(stderr, "dumpcheck: error: --trim-cache: %s\n",
                o->no_cache ? "the cache is disabled (--no-cache)" : "no cache folder (set --cache-dir or HOME)");
        return EXIT_CANNOT_CHECK;
    }
    uint64_t max = cache_max_bytes(o);
    struct cache_trim_report rep;
    int rc = 0;
    if (cache_trim(base, max, &rep) != 0) {
        fprintf(stderr, "dumpcheck: error: --trim-cache: cannot read the cache folder %s: %s\n", base,
                rep.refused ? rep.refused : strerror(errno));
        rc = EXIT_CANNOT_CHECK;
    } else {
        printf("cache %s: %ld file%s, %.1f MiB", base, rep.files, rep.files == 1 ? "" : "s", mib(rep.bytes));
        if (max)
            printf(" (limit %.1f MiB)", mib(max));
        if (rep.removed_files)
            printf("; removed the %ld least recently used (%.1f MiB)", rep.removed_files, mib(rep.removed_bytes));
        printf("\n");
    }
    free(base);
    return rc;
}

static int check_and_report(const struct options *op);

int cli_main(int argc, char **argv)
{
    struct options o;
    options_init(&o);
    const char **files = xcalloc((size_t)argc + 1, sizeof(char *));
    const char **sev = xcalloc((size_t)argc + 1, sizeof(char *));
    int rc = EXIT_CANNOT_CHECK;
    o.files = files;
    o.severity_overrides = sev;
    const char *v;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            o.extra_args = (const char **)&argv[i + 1];
            o.nextra_args = argc - i - 1;
            break;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage_text, stdout);
            rc = 0;
            goto done;
        } else if (!strcmp(a, "--version")) {
            rc = print_version();
            goto done;
        } else if (!strcmp(a, "--list-checks")) {
            o.list_checks = true;
        } else if (!strcmp(a, "--list-callbacks")) {
            o.list_callbacks = true;
        } else if (!strcmp(a, "--dump-ir")) {
            o.dump_ir = true;
        } else if (!strcmp(a, "--quiet")) {
            o.quiet = true;
        } else if (!strcmp(a, "--summary")) {
            o.summary = true;
        } else if (!strcmp(a, "--pre-commit")) {
            o.pre_commit = true;
        } else if (!strcmp(a, "--lsp")) {
            o.lsp = true;
        } else if (!strcmp(a, "--no-cache")) {
            o.no_cache = true;
        } else if (!strcmp(a, "--resident")) {
            /* main() has handed the run over, or will start one after it */
        } else if (!strcmp(a, "--start-resident")) {
            rc = resident_start_and_wait() == 0 ? 0 : EXIT_CANNOT_CHECK;
            goto done;
        } else if (!strcmp(a, "--stop-resident")) {
            rc = resident_stop() == 0 ? 0 : EXIT_CANNOT_CHECK;
            goto done;
        } else if (!strcmp(a, "--no-pch")) {
            o.no_pch = true;
        } else if (!strcmp(a, "--warn-unused-suppressions")) {
            o.warn_unused_suppressions = true;
        } else if (!strcmp(a, "--verify")) {
            o.verify_prefix = "expected";
        } else if (!strncmp(a, "--verify=", 9)) {
            o.verify_prefix = a + 9;
        } else if ((v = opt_value("-p", argc, argv, &i)) != NULL) {
            o.build_dir = v;
        } else if ((v = opt_value("--project", argc, argv, &i)) != NULL) {
            o.project = v;
        } else if ((v = opt_value("--configuration", argc, argv, &i)) != NULL) {
            if (!strchr(v, '|') || v[0] == '|' || !strchr(v, '|')[1]) {
                rc = usage_error("--configuration takes CONFIGURATION|PLATFORM as MSBuild names it (Release|x64), not '%s'", v);
                goto done;
            }
            o.configuration = v;
        } else if (!strcmp(a, "--dump-config")) {
            o.dump_config = true;
        } else if ((v = opt_value("-o", argc, argv, &i)) != NULL) {
            o.output = v;
        } else if ((v = opt_value("-j", argc, argv, &i)) != NULL ||
                   (!strncmp(a, "-j", 2) && a[2] >= '0' && a[2] <= '9' && (v = a + 2) != NULL)) {
            /* -j N, -j=N, and -jN as make and ninja take it */
            char *end;
            long jobs = strtol(v, &end, 10);
            o.jobs = *v && !*end && jobs >= 1 && jobs <= 256 ? (int)jobs : 0;
            if (o.jobs == 0) {
                rc = usage_error("-j takes a number from 1 to 256, not '%s'", v);
                goto done;
            }
        } else if ((v = opt_value("--format", argc, argv, &i)) != NULL) {
            if (!strcmp(v, "text")) o.format = FMT_TEXT;
            else if (!strcmp(v, "json")) o.format = FMT_JSON;
            else if (!strcmp(v, "sarif")) o.format = FMT_SARIF;
            else {
                rc = usage_error("unknown --format '%s' (text, json or sarif)", v);
                goto done;
            }
        } else if ((v = opt_value("--checks", argc, argv, &i)) != NULL) {
            const char *bad;
            if (!checks_glob_valid(v, &bad)) {
                rc = usage_error("--checks: '%s' matches no rule (see --list-checks)", bad);
                goto done;
            }
            o.checks = v;
        } else if ((v = opt_value("--config-file", argc, argv, &i)) != NULL) {
            o.config_file = v;
        } else if ((v = opt_value("--fail-on", argc, argv, &i)) != NULL) {
            if (!severity_parse(v, &o.fail_on)) {
                rc = usage_error("--fail-on takes note, warning or error, not '%s'", v);
                goto done;
            }
            o.has_fail_on = true;
        } else if ((v = opt_value("--severity", argc, argv, &i)) != NULL) {
            const char *eq = strchr(v, '=');
            enum severity s;
            if (!eq || !severity_parse(eq + 1, &s)) {
                rc = usage_error("--severity takes RULE=note|warning|error, not '%s'", v);
                goto done;
            }
            char *rule = xstrndup(v, (size_t)(eq - v));
            bool known = checks_find(rule) != NULL;
            free(rule);
            if (!known) {
                rc = usage_error("--severity: unknown rule in '%s' (see --list-checks)", v);
                goto done;
            }
            sev[o.nseverity_overrides++] = v;
        } else if ((v = opt_value("--baseline", argc, argv, &i)) != NULL) {
            o.baseline = v;
        } else if ((v = opt_value("--write-baseline", argc, argv, &i)) != NULL) {
            o.write_baseline = v;
        } else if ((v = opt_value("--sarif-root", argc, argv, &i)) != NULL) {
            o.sarif_root = v;
        } else if ((v = opt_value("--cache-dir", argc, argv, &i)) != NULL) {
            o.cache_dir = v;
        } else if ((v = opt_value("--cache-max-size", argc, argv, &i)) != NULL) {
            if (!parse_size(v, &o.cache_max_size)) {
                rc = usage_error("--cache-max-size takes a size such as 500M or 2G (0: no limit), not '%s'", v);
                goto done;
            }
            o.has_cache_max_size = true;
        } else if (!strcmp(a, "--trim-cache")) {
            o.trim_cache = true;
        } else if ((v = opt_value("--color", argc, argv, &i)) != NULL) {
            o.color = !strcmp(v, "always") ? 1 : !strcmp(v, "never") ? 0 : -1;
        } else if (!strcmp(a, "-p") || !strcmp(a, "-o") || !strcmp(a, "-j") || !strcmp(a, "--project") ||
                   !strcmp(a, "--configuration")) {
            rc = usage_error("'%s' needs a value", a);
            goto done;
        } else if (a[0] == '-' && a[1] != 0) {
            rc = usage_error("unknown option '%s'", a);
            goto done;
        } else {
            files[o.nfiles++] = a;
        }
    }
    if (o.list_checks) {
        rc = list_checks(&o);
        goto done;
    }
    if (o.trim_cache) {
        rc = trim_cache_now(&o);
        goto done;
    }
    if (o.lsp) {
        rc = lsp_main(&o);
        goto done;
    }
    if (o.dump_config) {
        struct run_result dr;
        memset(&dr, 0, sizeof dr);
        rc = dumpcheck_dump_config(&o, stdout, &dr.problems);
        print_problems(&dr);
        run_result_free(&dr);
        goto done;
    }

    if (o.pre_commit) {
        rc = precommit_run(&o, check_and_report);
        goto done;
    }
    rc = check_and_report(&o);
done:
    free(files);
    free(sev);
    return rc;
}

/* One check, and its report in the format asked for. */
static int check_and_report(const struct options *op)
{
    struct options o = *op;
    int rc;
    struct run_result r;
    rc = dumpcheck_analyze(&o, &r);
    print_problems(&r);
    if (r.status != EXIT_CANNOT_CHECK || (r.model && (o.list_callbacks || o.dump_ir))) {
        if (o.list_callbacks && r.model) {
            print_list_callbacks(r.model);
            rc = r.status == EXIT_CANNOT_CHECK ? EXIT_CANNOT_CHECK : 0;
        } else if (o.dump_ir && r.model) {
            struct strbuf b = {0};
            for (int i = 0; i < r.model->nfuncs; i++)
                if (r.model->funcs[i].def)
                    ir_print_func(&b, r.model->funcs[i].def);
            fputs(b.s ? b.s : "", stdout);
            free(b.s);
            rc = 0;
        } else if (o.verify_prefix) {
            rc = verify_findings(&o, &r.findings);
        } else {
            /* A report written in part is no report: every write is
             * checked, and one that fails is "cannot check" (a CI job must
             * not take an empty SARIF file for a clean result). */
            struct output_file of = {0};
            FILE *out = stdout;
            if (o.output && output_open(&of, o.output) != 0) {
                fprintf(stderr, "dumpcheck: error: cannot write '%s': %s\n", o.output, strerror(errno));
                rc = EXIT_CANNOT_CHECK;
            } else {
                if (o.output)
                    out = of.f;
                if (o.format == FMT_JSON) {
                    report_json(out, &r, &o);
                } else if (o.format == FMT_SARIF) {
                    report_sarif(out, &r, &o);
                } else {
                    report_text(out, &r.findings, &o);
                    if (o.summary)
                        report_account_text(out, &r, &o);
                }
                errno = 0;
                int failed = o.output ? output_commit(&of) : (fflush(stdout) != 0 || ferror(stdout)) ? -1 : 0;
                if (failed) {
                    fprintf(stderr, "dumpcheck: error: cannot write %s%s%s: %s\n", o.output ? "'" : "the report to standard output",
                            o.output ? o.output : "", o.output ? "'" : "", strerror(errno ? errno : EIO));
                    rc = EXIT_CANNOT_CHECK;
                } else if (o.format == FMT_TEXT && !o.quiet) {
                    report_summary_line(stderr, &r);
                }
            }
        }
    } else if (o.format == FMT_SARIF && !o.list_callbacks && !o.dump_ir && !o.verify_prefix) {
        /* A gate that reports its failures: the log says the run did not
         * succeed, and why (replacing any log an earlier run left). */
        FILE *out = o.output ? fopen(o.output, "w") : stdout;
        if (!out) {
            fprintf(stderr, "dumpcheck: error: cannot write '%s'\n", o.output);
        } else {
            report_sarif(out, &r, &o);
            if (out != stdout)
                fclose(out);
        }
    }
    phase_mark("report");
    run_result_free(&r);
    phase_mark("free");
    phase_times_print();
    return rc;
}
