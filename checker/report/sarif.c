/* --format=sarif: SARIF 2.1.0, as GitHub code scanning ingests it.
 *
 * - tool.driver: name, version, informationUri, and every rule (with the
 *   tool's own "dumpcheck-suppression") with its summary, the first
 *   paragraph of its page as fullDescription, the page as help, and its
 *   default level.
 * - results: ruleId/ruleIndex, level, message, one physical location whose
 *   URI is relative to --sarif-root (default: the current directory) under
 *   the uriBaseId SRCROOT (files outside it get absolute file: URIs), a
 *   codeFlow with the notes in order followed by the finding itself, and
 *   partialFingerprints["dumpcheck/v1"]: diag_fingerprint() of the finding
 *   with its file named relative to the root, mixed with the reported
 *   line's text without white space (the same value as in baselines when
 *   the root is the current directory): it survives edits that move the
 *   code and moving the checkout.
 * - suppressed findings are kept, with suppressions[{kind: "inSource"}]
 *   for NOLINT comments and [{kind: "external"}] for the baseline, so a
 *   code-scanning service shows them as dismissed instead of fixed.
 * - columns are UTF-16 code units (SARIF's default columnKind).
 * - invocations[0]: executionSuccessful (false when the check could not
 *   run: exit 2), exitCode, and toolExecutionNotifications: the reasons it
 *   could not (compile errors with their locations) and every assumption
 *   the analysis made. run.properties.dumpcheck: the account of what was
 *   proved (the callbacks' statuses, the resources and their releases). */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "../checks/checks.h"
#include "../driver.h"
#include "../lsp/lsp.h"
#include "../rulepack.h"
#include "account.h"
#include "suppress.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

static const char *sarif_level(enum severity s)
{
    switch (s) {
    case SEV_ERROR: return "error";
    case SEV_WARNING: return "warning";
    case SEV_NOTE: return "note";
    }
    return "warning";
}

static cJSON *text_object(const char *text)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "text", text);
    return m;
}

/* The first paragraph of a rule page that is not a heading or a
 * "**Default severity:**" line, joined onto one line. malloc'd or NULL. */
static char *first_paragraph(const char *md)
{
    struct strbuf b = {0};
    const char *p = md;
    bool in_code = false;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        bool blank = true;
        for (size_t i = 0; i < n; i++)
            if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
                blank = false;
        if (n >= 3 && !strncmp(p, "```", 3))
            in_code = !in_code;
        else if (blank) {
            if (b.n)
                break;
        } else if (!in_code && p[0] != '#' && strncmp(p, "**", 2) != 0) {
            if (b.n)
                sb_putc(&b, ' ');
            size_t m = n;
            while (m > 0 && (p[m - 1] == '\r' || p[m - 1] == ' '))
                m--;
            char *line = xstrndup(p, m);
            sb_puts(&b, line);
            free(line);
        } else if (b.n) {
            break;
        }
        p = e ? e + 1 : p + n;
    }
    return b.n ? sb_take(&b) : NULL;
}

static cJSON *rule_json(const char *id, const char *summary, enum severity sev)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "id", id);
    /* A friendly name: the id in PascalCase (DumpUnloadLeak). */
    struct strbuf name = {0};
    bool up = true;
    for (const char *p = id; *p; p++) {
        if (*p == '-') {
            up = true;
            continue;
        }
        sb_putc(&name, up && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
        up = false;
    }
    char *nm = sb_take(&name);
    cJSON_AddStringToObject(r, "name", nm);
    free(nm);
    /* SARIF asks for sentences: capitalised, ending with a period. */
    char *shorttext = xasprintf("%c%s%s", summary[0] >= 'a' && summary[0] <= 'z' ? summary[0] - 'a' + 'A' : summary[0],
                                summary[0] ? summary + 1 : "",
                                summary[0] && summary[strlen(summary) - 1] == '.' ? "" : ".");
    cJSON_AddItemToObject(r, "shortDescription", text_object(shorttext));
    const char *md = rule_doc_markdown(id);
    char *full = md ? first_paragraph(md) : NULL;
    /* A paragraph that introduces a list says little on its own. */
    if (full && full[strlen(full) - 1] == ':') {
        free(full);
        full = NULL;
    }
    cJSON_AddItemToObject(r, "fullDescription", text_object(full ? full : shorttext));
    free(full);
    cJSON *help = cJSON_AddObjectToObject(r, "help");
    cJSON_AddStringToObject(help, "text", md ? md : shorttext);
    if (md)
        cJSON_AddStringToObject(help, "markdown", md);
    free(shorttext);
    char *uri = rule_doc_uri(id);
    if (uri) {
        cJSON_AddStringToObject(r, "helpUri", uri);
        free(uri);
    }
    cJSON *cfg = cJSON_AddObjectToObject(r, "defaultConfiguration");
    cJSON_AddStringToObject(cfg, "level", sarif_level(sev));
    return r;
}

struct sarif_ctx {
    const struct options *o;
    char *root;                /* absolute, resolved, no trailing '/' */
    struct source_cache sc;
};

/* The file's name relative to the root, or NULL when it lies outside. */
static char *relative_name(struct sarif_ctx *c, const char *file)
{
    char *abs = path_canonical(file);
    size_t n = strlen(c->root);
    char *rel = NULL;
    if (!strcmp(c->root, "/"))
        rel = xstrdup(abs + 1);
    else if (!strncmp(abs, c->root, n) && abs[n] == '/')
        rel = xstrdup(abs + n + 1);
    free(abs);
    return rel;
}

static cJSON *physical_location(struct sarif_ctx *c, loc_t l)
{
    cJSON *pl = cJSON_CreateObject();
    cJSON *al = cJSON_AddObjectToObject(pl, "artifactLocation");
    char *rel = relative_name(c, str_get(l.file));
    if (rel) {
        /* A relative reference, percent-encoded like a path: encode "/rel"
         * as a file URI and keep what follows "file:///". */
        char *slashed = xasprintf("/%s", rel);
        char *uri = path_to_file_uri(slashed);
        cJSON_AddStringToObject(al, "uri", uri + 8);
        cJSON_AddStringToObject(al, "uriBaseId", "SRCROOT");
        free(uri);
        free(slashed);
        free(rel);
    } else {
        char *uri = path_to_file_uri(str_get(l.file));
        cJSON_AddStringToObject(al, "uri", uri);
        free(uri);
    }
    if (l.line > 0) {
        uint32_t line, ch, end;
        lsp_position_of(&c->sc, l, &line, &ch, &end);
        cJSON *region = cJSON_AddObjectToObject(pl, "region");
        cJSON_AddNumberToObject(region, "startLine", l.line);
        if (l.col > 0) {
            cJSON_AddNumberToObject(region, "startColumn", ch + 1);
            if (end > ch)
                cJSON_AddNumberToObject(region, "endColumn", end + 1);
        }
    }
    return pl;
}

static cJSON *location(struct sarif_ctx *c, loc_t l, const char *msg)
{
    cJSON *loc = cJSON_CreateObject();
    cJSON_AddItemToObject(loc, "physicalLocation", physical_location(c, l));
    if (msg)
        cJSON_AddItemToObject(loc, "message", text_object(msg));
    return loc;
}

static cJSON *result_json(struct sarif_ctx *c, const struct diag *d, int rule_index)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "ruleId", d->rule ? d->rule : "dumpcheck");
    if (rule_index >= 0)
        cJSON_AddNumberToObject(r, "ruleIndex", rule_index);
    cJSON_AddStringToObject(r, "level", sarif_level(d->sev));
    cJSON_AddItemToObject(r, "message", text_object(d->msg ? d->msg : ""));
    if (!loc_valid(d->loc) && !d->loc.file)
        return r;
    cJSON *locs = cJSON_AddArrayToObject(r, "locations");
    cJSON_AddItemToArray(locs, location(c, d->loc, NULL));
    if (d->nnotes > 0) {
        cJSON *flows = cJSON_AddArrayToObject(r, "codeFlows");
        cJSON *flow = cJSON_CreateObject();
        cJSON_AddItemToArray(flows, flow);
        cJSON *tfs = cJSON_AddArrayToObject(flow, "threadFlows");
        cJSON *tf = cJSON_CreateObject();
        cJSON_AddItemToArray(tfs, tf);
        cJSON *steps = cJSON_AddArrayToObject(tf, "locations");
        for (int i = 0; i < d->nnotes; i++) {
            loc_t nl = d->notes[i].loc;
            if (!loc_valid(nl))
                continue;
            cJSON *step = cJSON_CreateObject();
            cJSON_AddItemToObject(step, "location", location(c, nl, d->notes[i].msg ? d->notes[i].msg : ""));
            cJSON_AddItemToArray(steps, step);
        }
        cJSON *last = cJSON_CreateObject();
        cJSON_AddItemToObject(last, "location", location(c, d->loc, d->msg ? d->msg : ""));
        cJSON_AddItemToArray(steps, last);
    }
    char *rel = relative_name(c, str_get(d->loc.file));
    char *abs = rel ? NULL : path_absolute(str_get(d->loc.file));
    char fp[17];
    size_t len = 0;
    const char *line = source_cache_line(&c->sc, d->loc.file, d->loc.line, &len);
    snprintf(fp, sizeof fp, "%016" PRIx64, diag_fingerprint_as(d, rel ? rel : abs, line, len));
    free(rel);
    free(abs);
    cJSON *pf = cJSON_AddObjectToObject(r, "partialFingerprints");
    cJSON_AddStringToObject(pf, "dumpcheck/v1", fp);
    if (d->suppressed) {
        cJSON *sup = cJSON_AddArrayToObject(r, "suppressions");
        cJSON *s = cJSON_CreateObject();
        cJSON_AddStringToObject(s, "kind", suppression_kind_of(d) == SUPPRESSED_EXTERNAL ? "external" : "inSource");
        cJSON_AddItemToArray(sup, s);
    }
    return r;
}

static cJSON *notification(struct sarif_ctx *c, const char *level, loc_t loc, const char *msg, const char *id)
{
    cJSON *n = cJSON_CreateObject();
    cJSON_AddStringToObject(n, "level", level);
    cJSON_AddItemToObject(n, "message", text_object(msg));
    if (loc.file) {
        cJSON *locs = cJSON_AddArrayToObject(n, "locations");
        cJSON_AddItemToArray(locs, location(c, loc, NULL));
    }
    if (id) {
        cJSON *desc = cJSON_AddObjectToObject(n, "descriptor");
        cJSON_AddStringToObject(desc, "id", id);
    }
    return n;
}

/* invocations[0]: whether the check ran to its end, its exit status, and
 * why it could not (compile errors, located) or what it had to assume. */
static cJSON *invocation_json(struct sarif_ctx *c, const struct run_result *r)
{
    cJSON *inv = cJSON_CreateObject();
    cJSON_AddBoolToObject(inv, "executionSuccessful", r->status != EXIT_CANNOT_CHECK);
    cJSON_AddNumberToObject(inv, "exitCode", r->status);
    cJSON *notes = cJSON_AddArrayToObject(inv, "toolExecutionNotifications");
    const struct diag *prev = NULL;
    for (size_t i = 0; i < r->problems.n; i++) {
        const struct diag *d = &r->problems.v[i];
        if (prev && prev->loc.file == d->loc.file && prev->loc.line == d->loc.line && prev->loc.col == d->loc.col &&
            !strcmp(prev->msg, d->msg))
            continue;
        prev = d;
        cJSON_AddItemToArray(notes, notification(c, sarif_level(d->sev), d->loc, d->msg, NULL));
    }
    for (int i = 0; i < r->proof.nas; i++) {
        const struct proof_assumption *a = &r->proof.as[i];
        char *id = xasprintf("dumpcheck/assumption/%s", a->kind);
        cJSON_AddItemToArray(notes, notification(c, "note", a->loc, str_get(a->reason), id));
        free(id);
    }
    return inv;
}

int report_sarif(FILE *out, const struct run_result *res, const struct options *o)
{
    const struct diag_list *l = &res->findings;
    struct sarif_ctx c;
    memset(&c, 0, sizeof c);
    c.o = o;
    char cwd[PATH_MAX];
    c.root = path_canonical(o->sarif_root ? o->sarif_root : getcwd(cwd, sizeof cwd) ? cwd : ".");
    size_t rl = strlen(c.root);
    while (rl > 1 && c.root[rl - 1] == '/')
        c.root[--rl] = 0;
    source_cache_init(&c.sc, o);

    cJSON *log = cJSON_CreateObject();
    cJSON_AddStringToObject(log, "$schema", SARIF_SCHEMA);
    cJSON_AddStringToObject(log, "version", "2.1.0");
    cJSON *runs = cJSON_AddArrayToObject(log, "runs");
    cJSON *run = cJSON_CreateObject();
    cJSON_AddItemToArray(runs, run);

    cJSON *tool = cJSON_AddObjectToObject(run, "tool");
    cJSON *drv = cJSON_AddObjectToObject(tool, "driver");
    cJSON_AddStringToObject(drv, "name", "dumpcheck");
    cJSON_AddStringToObject(drv, "version", DUMPCHECK_VERSION);
    cJSON_AddStringToObject(drv, "semanticVersion", DUMPCHECK_VERSION);
    char *info = rule_docs_base_uri();
    cJSON_AddStringToObject(drv, "informationUri", info);
    free(info);
    cJSON *rules = cJSON_AddArrayToObject(drv, "rules");
    size_t nchecks;
    const struct check *const *all = checks_all(&nchecks);
    for (size_t i = 0; i < nchecks; i++)
        cJSON_AddItemToArray(rules, rule_json(all[i]->id, all[i]->summary, all[i]->default_sev));
    cJSON_AddItemToArray(rules, rule_json(SUPPRESSION_RULE, SUPPRESSION_RULE_SUMMARY, SEV_WARNING));

    cJSON *bases = cJSON_AddObjectToObject(run, "originalUriBaseIds");
    cJSON *srcroot = cJSON_AddObjectToObject(bases, "SRCROOT");
    char *root_dir = xasprintf("%s/", strcmp(c.root, "/") ? c.root : "");
    char *root_uri = path_to_file_uri(root_dir);
    cJSON_AddStringToObject(srcroot, "uri", root_uri);
    free(root_uri);
    free(root_dir);

    cJSON *results = cJSON_AddArrayToObject(run, "results");
    for (size_t i = 0; i < l->n; i++) {
        const struct diag *d = &l->v[i];
        int index = -1;
        for (size_t k = 0; d->rule && k < nchecks; k++)
            if (!strcmp(all[k]->id, d->rule))
                index = (int)k;
        if (d->rule && !strcmp(d->rule, SUPPRESSION_RULE))
            index = (int)nchecks;
        cJSON_AddItemToArray(results, result_json(&c, d, index));
    }
    cJSON_AddStringToObject(run, "columnKind", "utf16CodeUnits");
    cJSON *invs = cJSON_AddArrayToObject(run, "invocations");
    cJSON_AddItemToArray(invs, invocation_json(&c, res));
    if (res->proof.analysed) {
        cJSON *props = cJSON_AddObjectToObject(run, "properties");
        cJSON_AddItemToObject(props, "dumpcheck", account_json(res));
    }

    char *text = cJSON_Print(log);
    cJSON_Delete(log);
    source_cache_free(&c.sc);
    free(c.root);
    if (!text)
        return -1;
    fputs(text, out);
    fputc('\n', out);
    free(text);
    return ferror(out) ? -1 : 0;
}
