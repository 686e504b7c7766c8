/* What a returned value is, judged against the callbacks' return contract
 * (STATUS_SUCCESS, or an error status that ntstatus.h defines). Shared by
 * the three status rules. */
#ifndef DUMPCHECK_STATUS_VERDICT_H
#define DUMPCHECK_STATUS_VERDICT_H

#include "../engine/analysis.h"

enum status_kind {
    SK_OTHER_SUCCESS,     /* STATUS_PENDING, STATUS_MORE_ENTRIES, 1 ... */
    SK_INFORMATIONAL,
    SK_WARNING,
    SK_UNDEFINED_ERROR,   /* severity 3 but not in ntstatus.h (-1, 0xE0000001) */
    SK_NOT_STATUS,        /* a pointer */
    SK_UNINIT,
    SK_NO_VALUE,          /* falls off the end / `return;` */
    SK_UNVERIFIED,        /* from code outside the analysis, or unknown */
};

struct status_issue {
    enum status_kind kind;
    bool has_value;
    int64_t value;        /* as a 32-bit pattern */
    str_id text;          /* how the source spelled it */
    loc_t where;          /* where it was produced */
    str_id from;          /* the routine it came from (unverified) */
};

/* Issues with returning `ret` at `t`; returns how many (at most `max`). */
int status_issues(const struct val *ret, const struct ir_term *t, struct status_issue *out, int max);
/* "STATUS_PENDING (0x00000103), a success code other than STATUS_SUCCESS" */
char *status_issue_text(const struct status_issue *is);
/* Whether a status rule applies to the current root (not a VOID function
 * registered through a cast: that is the signature rule's finding). */
bool status_rule_applies(const struct analysis *a);
/* The three status rules differ only in which roots and which kinds of
 * issue they report: the shared exit handler. */
void status_check_exit(struct analysis *a, const struct check *c, struct state *s, const struct ir_term *t,
                       const struct val *ret, bool unload_only, bool callbacks_only, bool unverified);

/* Reports one issue for check c (shared wording and notes). */
void status_report(struct analysis *a, const struct check *c, struct state *s, const struct ir_term *t,
                   const struct status_issue *is);

#endif
