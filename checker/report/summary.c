/* What a run proved: the summary line that ends every text run, the
 * --summary account, and the same account as JSON (for --format=json and
 * SARIF's run properties). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "../driver.h"
#include "../lsp/lsp.h"
#include "account.h"

static size_t shown_findings(const struct run_result *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->findings.n; i++)
        n += !r->findings.v[i].suppressed;
    return n;
}

static int could_hide(const struct proof *p)
{
    int n = 0;
    for (int i = 0; i < p->nas; i++)
        n += p->as[i].could_hide;
    return n;
}

static int callbacks_analysed(const struct proof *p)
{
    int n = 0;
    for (int i = 0; i < p->ncb; i++)
        n += p->cb[i].role != ROLE_NONE && p->cb[i].analysed;
    return n;
}

void report_summary_line(FILE *out, const struct run_result *r)
{
    const struct proof *p = &r->proof;
    size_t shown = shown_findings(r);
    fprintf(out, "dumpcheck: %d file%s", p->nfiles, p->nfiles == 1 ? "" : "s");
    if (p->entry)
        fprintf(out, ", entry point '%s'", str_get(p->entry));
    int ncb = callbacks_analysed(p);
    fprintf(out, ", %d callback%s analysed, %d resource%s tracked", ncb, ncb == 1 ? "" : "s", p->nres,
            p->nres == 1 ? "" : "s");
    if (p->nas)
        fprintf(out, ", %d assumption%s (--summary lists them)", p->nas, p->nas == 1 ? "" : "s");
    if (shown)
        fprintf(out, ": %zu finding%s.\n", shown, shown == 1 ? "" : "s");
    else
        fprintf(out, ": no findings.\n");
}

static void put_loc(FILE *out, loc_t l)
{
    if (loc_valid(l))
        fprintf(out, "%s:%u:%u", str_get(l.file), l.line, l.col);
    else
        fputs("(no location)", out);
}

static const char *role_label(enum dump_role role)
{
    return role == ROLE_NONE ? "entry point" : role_field_name(role);
}

void report_account_text(FILE *out, const struct run_result *r, const struct options *o)
{
    const struct proof *p = &r->proof;
    (void)o;
    fprintf(out, "summary: %d file%s checked as one driver\n", p->nfiles, p->nfiles == 1 ? "" : "s");
    fputs("entry point and callbacks (what each can return):\n", out);
    for (int i = 0; i < p->ncb; i++) {
        const struct proof_callback *c = &p->cb[i];
        fprintf(out, "  %-11s %s (", role_label(c->role), str_get(c->name));
        put_loc(out, c->loc);
        if (!c->analysed)
            fputs("): not analysed (its body was not understood)\n", out);
        else if (c->returns)
            fprintf(out, "): returns %s", c->returns);
        else
            fputs("): returns no value", out);
        for (int k = 0; c->analysed && k < c->nfindings; k++)
            fprintf(out, "%s[%s]", k ? ", " : ": finding ", c->findings[k]);
        if (c->analysed)
            fputc('\n', out);
    }
    fprintf(out, "resources acquired for the dump stack: %d\n", p->nres);
    for (int i = 0; i < p->nres; i++) {
        const struct proof_resource *pr = &p->res[i];
        fprintf(out, "  %s '%s': acquired by %s in %s at ", pr->family, str_get(pr->name), str_get(pr->acquirer),
                str_get(pr->role));
        put_loc(out, pr->site);
        fputc('\n', out);
        if (pr->nrel == 0)
            fprintf(out, "    no releasing callback ran%s%s%s\n", p->no_release_finding ? ": finding [" : "",
                    p->no_release_finding ? p->no_release_finding : "", p->no_release_finding ? "]" : "");
        for (int k = 0; k < pr->nrel; k++) {
            const struct proof_release *rel = &pr->rel[k];
            fputs("    ", out);
            switch (rel->what) {
            case PO_RELEASED:
                fprintf(out, "released by %s at ", str_get(rel->routine));
                put_loc(out, rel->at);
                break;
            case PO_NOT_RELEASED:
                fputs("not released", out);
                break;
            case PO_NULL:
                fputs("NULL (nothing to release)", out);
                break;
            case PO_UNTRACKED:
                fputs("not tracked to its end (see the assumptions)", out);
                break;
            case PO_FINDING:
                break;
            }
            if (rel->what == PO_FINDING) {
                fprintf(out, "the path of %s stops at ", str_get(rel->in_func));
                put_loc(out, rel->at);
            } else {
                fprintf(out, " on the path of %s ending at ", str_get(rel->in_func));
                put_loc(out, rel->path_end);
            }
            if (rel->finding)
                fprintf(out, ": finding [%s]", rel->finding);
            fputc('\n', out);
        }
    }
    fprintf(out, "assumptions: %d", p->nas);
    int hide = could_hide(p);
    if (hide)
        fprintf(out, " (%d could hide a finding: dump-analysis-incomplete)", hide);
    fputc('\n', out);
    for (int i = 0; i < p->nas; i++) {
        const struct proof_assumption *a = &p->as[i];
        fputs("  ", out);
        put_loc(out, a->loc);
        fprintf(out, ": %s: %s", a->kind, str_get(a->reason));
        if (a->subject && !strstr(str_get(a->reason), str_get(a->subject)))
            fprintf(out, " ('%s')", str_get(a->subject));
        if (a->root)
            fprintf(out, " [in %s]", str_get(a->root));
        fputc('\n', out);
    }
}

/* ---- JSON ---- */

static cJSON *loc_json(loc_t l)
{
    if (!loc_valid(l))
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    char *uri = path_to_file_uri(str_get(l.file));
    cJSON_AddStringToObject(o, "uri", uri);
    free(uri);
    cJSON_AddNumberToObject(o, "line", l.line);
    cJSON_AddNumberToObject(o, "column", l.col);
    return o;
}

static void add_str(cJSON *o, const char *key, str_id s)
{
    if (s)
        cJSON_AddStringToObject(o, key, str_get(s));
}

cJSON *account_json(const struct run_result *r)
{
    const struct proof *p = &r->proof;
    cJSON *a = cJSON_CreateObject();
    cJSON_AddNumberToObject(a, "files", p->nfiles);
    if (p->entry) {
        cJSON *e = cJSON_AddObjectToObject(a, "entryPoint");
        add_str(e, "name", p->entry);
        cJSON_AddItemToObject(e, "location", loc_json(p->entry_loc));
    }
    cJSON_AddNumberToObject(a, "callbacksAnalysed", callbacks_analysed(p));
    cJSON_AddNumberToObject(a, "resourcesTracked", p->nres);
    cJSON_AddNumberToObject(a, "findings", (double)shown_findings(r));
    cJSON *cbs = cJSON_AddArrayToObject(a, "callbacks");
    for (int i = 0; i < p->ncb; i++) {
        const struct proof_callback *c = &p->cb[i];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "role", role_label(c->role));
        add_str(x, "name", c->name);
        cJSON_AddItemToObject(x, "location", loc_json(c->loc));
        cJSON_AddBoolToObject(x, "analysed", c->analysed);
        if (c->returns)
            cJSON_AddStringToObject(x, "returns", c->returns);
        if (c->nfindings) {
            cJSON *fs = cJSON_AddArrayToObject(x, "findings");
            for (int k = 0; k < c->nfindings; k++)
                cJSON_AddItemToArray(fs, cJSON_CreateString(c->findings[k]));
        }
        cJSON_AddItemToArray(cbs, x);
    }
    cJSON *res = cJSON_AddArrayToObject(a, "resources");
    for (int i = 0; i < p->nres; i++) {
        const struct proof_resource *pr = &p->res[i];
        cJSON *x = cJSON_CreateObject();
        add_str(x, "name", pr->name);
        cJSON_AddStringToObject(x, "family", pr->family);
        add_str(x, "acquiredBy", pr->acquirer);
        add_str(x, "acquiredIn", pr->role);
        cJSON_AddItemToObject(x, "acquiredAt", loc_json(pr->site));
        cJSON *paths = cJSON_AddArrayToObject(x, "paths");
        for (int k = 0; k < pr->nrel; k++) {
            const struct proof_release *rel = &pr->rel[k];
            cJSON *y = cJSON_CreateObject();
            cJSON_AddStringToObject(y, "outcome", proof_outcome_name(rel->what));
            if (rel->what == PO_FINDING)
                cJSON_AddItemToObject(y, "findingAt", loc_json(rel->at));
            if (rel->what == PO_RELEASED) {
                add_str(y, "releasedBy", rel->routine);
                cJSON_AddItemToObject(y, "releasedAt", loc_json(rel->at));
            }
            add_str(y, "function", rel->in_func);
            cJSON_AddItemToObject(y, "pathEnd", loc_json(rel->path_end));
            if (rel->finding)
                cJSON_AddStringToObject(y, "finding", rel->finding);
            cJSON_AddItemToArray(paths, y);
        }
        cJSON_AddItemToArray(res, x);
    }
    cJSON *as = cJSON_AddArrayToObject(a, "assumptions");
    for (int i = 0; i < p->nas; i++) {
        const struct proof_assumption *x = &p->as[i];
        cJSON *y = cJSON_CreateObject();
        cJSON_AddStringToObject(y, "kind", x->kind);
        add_str(y, "reason", x->reason);
        add_str(y, "subject", x->subject);
        add_str(y, "function", x->root);
        cJSON_AddItemToObject(y, "location", loc_json(x->loc));
        cJSON_AddBoolToObject(y, "couldHideFinding", x->could_hide);
        cJSON_AddItemToArray(as, y);
    }
    return a;
}
