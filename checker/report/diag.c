#include "diag.h"

#include <stdlib.h>
#include <string.h>

const char *severity_name(enum severity s)
{
    switch (s) {
    case SEV_NOTE: return "note";
    case SEV_WARNING: return "warning";
    case SEV_ERROR: return "error";
    }
    return "warning";
}

bool severity_parse(const char *s, enum severity *out)
{
    if (!strcmp(s, "note")) *out = SEV_NOTE;
    else if (!strcmp(s, "warning")) *out = SEV_WARNING;
    else if (!strcmp(s, "error")) *out = SEV_ERROR;
    else return false;
    return true;
}

struct diag *diag_add(struct diag_list *l, const char *rule, enum severity sev, loc_t loc,
                      const char *fmt, ...)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
    }
    struct diag *d = &l->v[l->n++];
    memset(d, 0, sizeof *d);
    d->rule = rule;
    d->sev = sev;
    d->loc = loc;
    va_list ap;
    va_start(ap, fmt);
    d->msg = xvasprintf(fmt, ap);
    va_end(ap);
    return d;
}

void diag_add_note(struct diag *d, loc_t loc, const char *fmt, ...)
{
    if (d->nnotes == d->notes_cap) {
        d->notes_cap = d->notes_cap ? d->notes_cap * 2 : 4;
        d->notes = xrealloc(d->notes, (size_t)d->notes_cap * sizeof(*d->notes));
    }
    struct diag_note *n = &d->notes[d->nnotes++];
    n->loc = loc;
    va_list ap;
    va_start(ap, fmt);
    n->msg = xvasprintf(fmt, ap);
    va_end(ap);
}

static int loc_cmp(loc_t a, loc_t b)
{
    int c = strcmp(str_get(a.file), str_get(b.file));
    if (c)
        return c;
    if (a.line != b.line)
        return a.line < b.line ? -1 : 1;
    if (a.col != b.col)
        return a.col < b.col ? -1 : 1;
    return 0;
}

static int diag_cmp(const void *pa, const void *pb)
{
    const struct diag *a = pa, *b = pb;
    int c = loc_cmp(a->loc, b->loc);
    if (c)
        return c;
    c = strcmp(a->rule ? a->rule : "", b->rule ? b->rule : "");
    if (c)
        return c;
    c = strcmp(a->msg, b->msg);
    if (c)
        return c;
    if (a->nnotes != b->nnotes)
        return a->nnotes < b->nnotes ? -1 : 1;
    for (int i = 0; i < a->nnotes; i++) {
        c = loc_cmp(a->notes[i].loc, b->notes[i].loc);
        if (c)
            return c;
        c = strcmp(a->notes[i].msg, b->notes[i].msg);
        if (c)
            return c;
    }
    return 0;
}

static void diag_free(struct diag *d)
{
    free(d->msg);
    for (int i = 0; i < d->nnotes; i++)
        free(d->notes[i].msg);
    free(d->notes);
}

void diag_list_sort(struct diag_list *l)
{
    if (l->n > 1)
        qsort(l->v, l->n, sizeof(*l->v), diag_cmp);
    /* Same rule, location and message: one finding (the first path found). */
    size_t out = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (out > 0) {
            struct diag *p = &l->v[out - 1], *d = &l->v[i];
            if (loc_cmp(p->loc, d->loc) == 0 && p->rule == d->rule && !strcmp(p->msg, d->msg)) {
                diag_free(d);
                continue;
            }
        }
        l->v[out++] = l->v[i];
    }
    l->n = out;
}

void diag_list_free(struct diag_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        diag_free(&l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

uint64_t diag_fingerprint(const struct diag *d)
{
    uint64_t h = hash_str(d->rule ? d->rule : "");
    h = hash_bytes(str_get(d->loc.file), strlen(str_get(d->loc.file)), h);
    h = hash_bytes(str_get(d->function), strlen(str_get(d->function)), h);
    h = hash_bytes(str_get(d->subject), strlen(str_get(d->subject)), h);
    /* The message names values and routines, not lines. */
    return hash_bytes(d->msg, strlen(d->msg), h);
}
