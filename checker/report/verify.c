#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct expectation {
    str_id file;
    uint32_t line;
    enum severity sev;
    char *text;
    bool seen;
};

struct expectations {
    struct expectation *v;
    size_t n, cap;
    bool no_diagnostics;
};

static void add_exp(struct expectations *E, struct expectation e)
{
    if (E->n == E->cap) {
        E->cap = E->cap ? E->cap * 2 : 16;
        E->v = xrealloc(E->v, E->cap * sizeof(*E->v));
    }
    E->v[E->n++] = e;
}

/* Scans one file for `PREFIX-(warning|note|error)[@(+|-)N]{{text}}`. */
static void scan_file(struct expectations *E, const char *path, const char *prefix)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text)
        return;
    size_t plen = strlen(prefix);
    uint32_t line = 1;
    for (char *p = text; *p; p++) {
        if (*p == '\n') {
            line++;
            continue;
        }
        if (strncmp(p, prefix, plen) != 0 || p[plen] != '-')
            continue;
        if (p > text && (p[-1] == '_' || p[-1] == '-' || (p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z')))
            continue;
        char *q = p + plen + 1;
        if (!strncmp(q, "no-diagnostics", 14)) {
            E->no_diagnostics = true;
            continue;
        }
        enum severity sev;
        if (!strncmp(q, "warning", 7)) { sev = SEV_WARNING; q += 7; }
        else if (!strncmp(q, "error", 5)) { sev = SEV_ERROR; q += 5; }
        else if (!strncmp(q, "note", 4)) { sev = SEV_NOTE; q += 4; }
        else continue;
        long offset = 0;
        if (*q == '@') {
            q++;
            char *end;
            offset = strtol(q, &end, 10);
            q = end;
        }
        while (*q == ' ')
            q++;
        if (strncmp(q, "{{", 2) != 0)
            continue;
        char *close = strstr(q + 2, "}}");
        if (!close)
            continue;
        char *shown = path_display(path); /* findings name files this way */
        struct expectation e = {str_intern(shown), (uint32_t)((long)line + offset), sev,
                                xstrndup(q + 2, (size_t)(close - q - 2)), false};
        free(shown);
        add_exp(E, e);
    }
    free(text);
}

static bool path_same(const char *a, const char *b)
{
    char *x = path_display(a), *y = path_display(b);
    bool same = !strcmp(x, y);
    free(x);
    free(y);
    return same;
}

int verify_findings(const struct options *o, const struct diag_list *findings)
{
    struct expectations E = {0};
    for (int i = 0; i < o->nfiles; i++)
        scan_file(&E, o->files[i], o->verify_prefix);
    /* Expectations may also sit in headers the findings point into. */
    for (size_t i = 0; i < findings->n; i++) {
        const char *f = str_get(findings->v[i].loc.file);
        bool scanned = false;
        for (int k = 0; k < o->nfiles; k++)
            if (path_same(o->files[k], f))
                scanned = true;
        for (size_t k = 0; k < i && !scanned; k++)
            if (findings->v[k].loc.file == findings->v[i].loc.file)
                scanned = true;
        if (!scanned)
            scan_file(&E, f, o->verify_prefix);
    }
    int unexpected = 0, missing = 0;
    for (size_t i = 0; i < findings->n; i++) {
        const struct diag *d = &findings->v[i];
        if (d->suppressed)
            continue;
        char *full = xasprintf("%s [%s]", d->msg, d->rule ? d->rule : "");
        bool matched = false;
        for (size_t k = 0; k < E.n && !matched; k++) {
            struct expectation *e = &E.v[k];
            if (!e->seen && e->sev == d->sev && e->line == d->loc.line &&
                path_same(str_get(e->file), str_get(d->loc.file)) && strstr(full, e->text)) {
                e->seen = true;
                matched = true;
            }
        }
        if (!matched) {
            if (unexpected++ == 0)
                fprintf(stderr, "error: findings seen but not expected:\n");
            fprintf(stderr, "  %s:%u:%u: %s: %s\n", str_get(d->loc.file), d->loc.line, d->loc.col,
                    severity_name(d->sev), full);
        }
        free(full);
    }
    for (size_t k = 0; k < E.n; k++) {
        if (E.v[k].seen)
            continue;
        if (missing++ == 0)
            fprintf(stderr, "error: findings expected but not seen:\n");
        fprintf(stderr, "  %s:%u: %s: {{%s}}\n", str_get(E.v[k].file), E.v[k].line, severity_name(E.v[k].sev),
                E.v[k].text);
    }
    if (E.n == 0 && !E.no_diagnostics) {
        fprintf(stderr, "error: no expectations found for prefix '%s' (use '// %s-no-diagnostics' when none are expected)\n",
                o->verify_prefix, o->verify_prefix);
        missing++;
    }
    for (size_t k = 0; k < E.n; k++)
        free(E.v[k].text);
    free(E.v);
    return unexpected || missing ? 1 : 0;
}
