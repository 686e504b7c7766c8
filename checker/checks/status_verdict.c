#include "status_verdict.h"

#include <stdlib.h>
#include <string.h>

static void add(struct status_issue *out, int *n, int max, struct status_issue is)
{
    if (*n < max)
        out[(*n)++] = is;
}

int status_issues(const struct val *ret, const struct ir_term *t, struct status_issue *out, int max)
{
    int n = 0;
    struct status_issue is;
    memset(&is, 0, sizeof is);
    if (ret->kind == V_NONE || !t->cond) {
        is.kind = SK_NO_VALUE;
        is.where = t->loc;
        add(out, &n, max, is);
        return n;
    }
    if (ret->kind == V_PTR || (ret->flags & VF_POINTER)) {
        is.kind = SK_NOT_STATUS;
        is.where = t->loc;
        add(out, &n, max, is);
        return n;
    }
    if (ret->kind == V_FUNC) {
        is.kind = SK_NOT_STATUS;
        add(out, &n, max, is);
        return n;
    }
    if (ret->kind != V_INT) {
        is.kind = SK_UNVERIFIED;
        is.where = ret->origin;
        is.from = ret->origin_name;
        add(out, &n, max, is);
        return n;
    }
    if (ret->flags & VF_UNINIT) {
        is.kind = SK_UNINIT;
        is.where = ret->origin;
        add(out, &n, max, is);
        return n;
    }
    for (int i = 0; i < ret->nconst; i++) {
        int64_t v = (int64_t)(int32_t)ret->c[i];
        memset(&is, 0, sizeof is);
        is.has_value = true;
        is.value = v;
        is.text = ret->ctext[i];
        is.where = ret->cloc[i];
        uint8_t q = quarter_of(v);
        if (q == Q_ZERO)
            continue;
        if (q == Q_ERR && ntstatus_name((uint32_t)v))
            continue;
        is.kind = q == Q_SUCC ? SK_OTHER_SUCCESS : q == Q_INFO ? SK_INFORMATIONAL : q == Q_WARN ? SK_WARNING
                                                                                    : SK_UNDEFINED_ERROR;
        add(out, &n, max, is);
    }
    uint8_t qs = ret->quarters;
    /* A status known to be STATUS_SUCCESS or an error (NT_ERROR tested):
     * an error status a system routine returned is one of ntstatus.h. */
    if (qs && (qs & ~(Q_ZERO | Q_ERR)) == 0)
        qs = 0;
    if (qs && qs != Q_ZERO) {
        memset(&is, 0, sizeof is);
        is.where = ret->origin;
        is.from = ret->origin_name;
        /* A value known to lie in one bad class is a definite finding. */
        if ((qs & ~Q_ZERO) == qs && (qs == Q_SUCC))
            is.kind = SK_OTHER_SUCCESS;
        else if (qs == Q_INFO)
            is.kind = SK_INFORMATIONAL;
        else if (qs == Q_WARN)
            is.kind = SK_WARNING;
        else
            is.kind = SK_UNVERIFIED;
        add(out, &n, max, is);
    }
    return n;
}

static char *value_name(const struct status_issue *is)
{
    uint32_t u = (uint32_t)is->value;
    const char *table = ntstatus_name(u);
    const char *text = str_get(is->text);
    if (table && (!text[0] || !strcmp(text, table)))
        return xasprintf("%s (0x%08X)", table, u);
    if (table)
        return xasprintf("'%s' (%s, 0x%08X)", text, table, u);
    if (text[0])
        return xasprintf("'%s' (0x%08X)", text, u);
    return xasprintf("0x%08X", u);
}

/* What was returned ("STATUS_PENDING (0x00000103)", "'status'") and what
 * is wrong with it ("a success code other than STATUS_SUCCESS"). */
static void describe(const struct status_issue *is, const char *ret_text, char **what, char **why)
{
    const char *from = str_get(is->from);
    *what = is->has_value ? value_name(is) : ret_text && ret_text[0] ? xasprintf("'%s'", ret_text) : xstrdup("a value");
    switch (is->kind) {
    case SK_OTHER_SUCCESS: {
        const char *t = str_get(is->text);
        if (!strcmp(t, "TRUE") || !strcmp(t, "true"))
            *why = xstrdup("a boolean, not an NTSTATUS");
        else
            *why = xasprintf("a success code other than STATUS_SUCCESS%s%s", from[0] ? " from " : "", from);
        break;
    }
    case SK_INFORMATIONAL:
        *why = xasprintf("an informational status%s%s", from[0] ? " from " : "", from);
        break;
    case SK_WARNING:
        *why = xasprintf("a warning status%s%s", from[0] ? " from " : "", from);
        break;
    case SK_UNDEFINED_ERROR:
        *why = xstrdup("not a status value defined in ntstatus.h");
        break;
    case SK_NOT_STATUS:
        *why = xstrdup("a pointer, not an NTSTATUS");
        break;
    case SK_UNINIT:
        *why = xstrdup("it is never initialized on the way");
        break;
    case SK_NO_VALUE:
        free(*what);
        *what = xstrdup("no value");
        *why = xstrdup("control reaches the end of the function");
        break;
    default:
        *why = from[0] ? xasprintf("the status of '%s', which the checker cannot prove is STATUS_SUCCESS or an ntstatus.h error", from)
                       : xstrdup("a value the checker cannot prove is STATUS_SUCCESS or an ntstatus.h error");
        break;
    }
}

char *status_issue_text(const struct status_issue *is)
{
    char *what, *why;
    describe(is, NULL, &what, &why);
    char *r = xasprintf("%s (%s)", what, why);
    free(what);
    free(why);
    return r;
}

bool status_rule_applies(const struct analysis *a)
{
    if (a->root_role != ROOT_CALLBACK || a->root_func < 0)
        return false;
    const struct mfunc *mf = &a->m->funcs[a->root_func];
    const struct ir_func *f = mf->def;
    if (!f || f->ret.cls != TY_INT)
        return false;
    /* Registered with another type (through a cast): one finding, the
     * signature rule's. */
    str_id want = a->m->role_canon_type[a->role];
    return !want || !f->canon_type || want == f->canon_type;
}

void status_report(struct analysis *a, const struct check *c, struct state *s, const struct ir_term *t,
                   const struct status_issue *is)
{
    const struct ir_func *f = a->m->funcs[a->root_func].def;
    char *ret_text = t->cond ? expr_text(f, t->cond) : xstrdup("");
    char *what, *why;
    describe(is, ret_text, &what, &why);
    loc_t at = t->loc;
    struct diag *d = analysis_report(a, c, s, at, is->text,
                                     "%s '%s' returns %s on this path: %s; it must return STATUS_SUCCESS or an error status of ntstatus.h",
                                     role_display(a->role), analysis_root_name(a), what, why);
    free(what);
    free(why);
    free(ret_text);
    bool where_differs = loc_valid(is->where) && (is->where.line != at.line || is->where.file != at.file);
    if (where_differs) {
        if (is->kind == SK_UNINIT)
            diag_add_note(d, is->where, "declared here without an initial value");
        else if (is->kind == SK_UNVERIFIED && is->from)
            diag_add_note(d, is->where, "the value comes from '%s', outside the analysed code", str_get(is->from));
        else if (is->has_value)
            diag_add_note(d, is->where, "the value is set here");
    }
    analysis_add_path_notes(a, d, s);
}

void status_check_exit(struct analysis *a, const struct check *c, struct state *s, const struct ir_term *t,
                       const struct val *ret, bool unload_only, bool callbacks_only, bool unverified)
{
    if (!status_rule_applies(a))
        return;
    if ((unload_only && a->role != ROLE_UNLOAD) || (callbacks_only && a->role == ROLE_UNLOAD))
        return;
    struct status_issue is[8];
    int n = status_issues(ret, t, is, 8);
    for (int i = 0; i < n; i++)
        if ((is[i].kind == SK_UNVERIFIED) == unverified)
            status_report(a, c, s, t, &is[i]);
}
