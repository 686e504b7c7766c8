/* dump-read-not-enabled: DumpRead is registered, but on that path Flags
 * lacks DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ or MajorVersion is not
 * DUMP_FILTER_MAJOR_VERSION (2): the system never calls it. */
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "../engine/analysis.h"

#define SUPPORT_READ_FLAG 0x1
#define MAJOR_VERSION_2 2

static str_id fact(const char *field)
{
    char buf[64];
    snprintf(buf, sizeof buf, "init-data.%s", field);
    return str_intern(buf);
}

static void on_store(struct analysis *a, const struct check *c, struct state *s, mloc l, const struct ir_expr *lhs,
                     const struct val *old, const struct val *v, loc_t loc)
{
    (void)a, (void)c, (void)l, (void)old;
    if (!lhs || lhs->kind != E_FIELD || !model_is_init_data_record(lhs->record))
        return;
    const char *field = str_get(lhs->text);
    if (!strcmp(field, "Flags") || !strcmp(field, "MajorVersion")) {
        /* Only a value written as it is here counts as known: a value a
         * helper works out (from the OS version, say) is the driver's choice. */
        struct val kept = *v;
        for (int i = 0; i < v->nconst; i++)
            if (v->cloc[i].file != loc.file || v->cloc[i].line != loc.line)
                kept = val_unknown_int(Q_ALL, 0, loc, 0);
        state_set_fact(s, fact(field), kept);
    } else if (!strcmp(field, "DumpRead") && v->kind == V_FUNC) {
        state_set_fact(s, fact("DumpRead"), val_int(1, 0, loc));
    }
}

/* Definitely without the bit / definitely not 2. */
static bool lacks(const struct val *v, int64_t mask, int64_t equal_to)
{
    if (!v)
        return true; /* never set on this path: the system sees 0 */
    if (v->kind != V_INT || v->quarters != 0 || v->nconst == 0 || (v->flags & (VF_UNINIT | VF_EXTERNAL)))
        return false;
    for (int i = 0; i < v->nconst; i++) {
        if (mask && (v->c[i] & mask))
            return false;
        if (!mask && v->c[i] == equal_to)
            return false;
    }
    return true;
}

static void on_exit_entry(struct analysis *a, const struct check *c, struct state *s, const struct ir_term *t,
                          const struct val *ret)
{
    (void)t;
    if (a->root_role != ROOT_ENTRY || val_definitely_failure(ret))
        return;
    const struct val *reg = state_fact(s, fact("DumpRead"));
    if (!reg || reg->nconst == 0)
        return;
    const struct val *flags = state_fact(s, fact("Flags"));
    const struct val *major = state_fact(s, fact("MajorVersion"));
    bool no_flag = lacks(flags, SUPPORT_READ_FLAG, 0);
    bool old_version = lacks(major, 0, MAJOR_VERSION_2);
    if (!no_flag && !old_version)
        return;
    struct diag *d = analysis_report(a, c, s, reg->cloc[0], str_intern("DumpRead"),
                                     "DumpRead is registered but the system will never call it: %s%s%s",
                                     no_flag ? "Flags lacks DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ" : "",
                                     no_flag && old_version ? " and " : "",
                                     old_version ? "MajorVersion is not DUMP_FILTER_MAJOR_VERSION (2)" : "");
    if (flags && no_flag && flags->nconst > 0 && loc_valid(flags->cloc[0]))
        diag_add_note(d, flags->cloc[0], "Flags is set here");
    if (major && old_version && major->nconst > 0 && loc_valid(major->cloc[0]))
        diag_add_note(d, major->cloc[0], "MajorVersion is set here");
    analysis_add_path_notes(a, d, s);
}

static void register_hooks(struct analysis *a, const struct check *self)
{
    struct analysis_hooks h = {.check = self, .on_store = on_store, .on_exit = on_exit_entry};
    analysis_subscribe(a, &h);
}

const struct check check_read_not_enabled = {
    "dump-read-not-enabled",
    "DumpRead is registered but the system will never call it",
    SEV_WARNING,
    register_hooks,
};
