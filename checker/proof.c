/* The account of a run (proof.h). */
#include "proof.h"

#include <stdlib.h>
#include <string.h>

#include "report/diag.h"

const char *proof_outcome_name(enum proof_outcome o)
{
    switch (o) {
    case PO_RELEASED: return "released";
    case PO_NOT_RELEASED: return "not released";
    case PO_NULL: return "null";
    case PO_UNTRACKED: return "untracked";
    case PO_FINDING: return "finding";
    }
    return "?";
}

static bool same_loc(loc_t a, loc_t b)
{
    return a.file == b.file && a.line == b.line && a.col == b.col;
}

/* The finding reported where a path's release (or its absence) is: the
 * account names it instead of claiming the release. */
static bool is_resource_rule(const char *rule)
{
    static const char *const resource_rules[] = {"dump-unload-leak", "dump-release-mismatch", "dump-double-release",
                                                 "dump-pool-tag-mismatch", "dump-use-after-release"};
    for (size_t r = 0; rule && r < sizeof resource_rules / sizeof resource_rules[0]; r++)
        if (!strcmp(rule, resource_rules[r]))
            return true;
    return false;
}

static bool is_status_rule(const char *rule)
{
    return rule && (!strcmp(rule, "dump-unload-status") || !strcmp(rule, "dump-callback-status") ||
                    !strcmp(rule, "dump-unload-status-unverified"));
}

static void add_release(struct proof_resource *pr, const struct proof_release *rel)
{
    if (pr->nrel == pr->caprel) {
        pr->caprel = pr->caprel ? pr->caprel * 2 : 4;
        pr->rel = xrealloc(pr->rel, sizeof *pr->rel * (size_t)pr->caprel);
    }
    pr->rel[pr->nrel++] = *rel;
}

void proof_link_findings(struct proof *p, const struct diag_list *findings)
{
    for (size_t f = 0; f < findings->n; f++) {
        const struct diag *d = &findings->v[f];
        if (d->suppressed)
            continue;
        if (is_status_rule(d->rule)) {
            for (int i = 0; i < p->ncb; i++) {
                struct proof_callback *c = &p->cb[i];
                if (c->name != d->function)
                    continue;
                bool have = false;
                for (int k = 0; k < c->nfindings; k++)
                    have |= !strcmp(c->findings[k], d->rule);
                if (!have) {
                    c->findings = xrealloc(c->findings, sizeof *c->findings * (size_t)(c->nfindings + 1));
                    c->findings[c->nfindings++] = d->rule;
                }
            }
            continue;
        }
        if (d->rule && !strcmp(d->rule, "dump-callback-missing"))
            p->no_release_finding = d->rule;
        if (!is_resource_rule(d->rule))
            continue;
        bool linked = false;
        for (int i = 0; i < p->nres; i++) {
            struct proof_resource *pr = &p->res[i];
            if (d->subject && pr->name && d->subject != pr->name)
                continue;
            for (int k = 0; k < pr->nrel; k++) {
                struct proof_release *rel = &pr->rel[k];
                bool here = rel->what == PO_RELEASED ? same_loc(d->loc, rel->at)
                            : rel->what == PO_NOT_RELEASED && same_loc(d->loc, rel->path_end);
                if (here && !rel->finding) {
                    rel->finding = d->rule;
                    linked = true;
                }
            }
        }
        /* A path the rule ended (a second release, a use after release):
         * the account names the finding where that path stopped. */
        for (int i = 0; !linked && i < p->nres; i++) {
            struct proof_resource *pr = &p->res[i];
            if (!d->subject || d->subject != pr->name)
                continue;
            struct proof_release rel = {0};
            rel.what = PO_FINDING;
            rel.at = rel.path_end = d->loc;
            rel.in_func = d->function;
            rel.finding = d->rule;
            add_release(pr, &rel);
            linked = true;
        }
    }
}

void proof_free(struct proof *p)
{
    for (int i = 0; i < p->ncb; i++) {
        free(p->cb[i].returns);
        free(p->cb[i].findings);
    }
    free(p->cb);
    for (int i = 0; i < p->nres; i++) {
        free(p->res[i].family);
        free(p->res[i].rel);
    }
    free(p->res);
    free(p->as);
    memset(p, 0, sizeof *p);
}
