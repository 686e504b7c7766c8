/* Findings and their notes, as every output format consumes them. */
#ifndef DUMPCHECK_DIAG_H
#define DUMPCHECK_DIAG_H

#include "../ir.h"

enum severity { SEV_NOTE = 0, SEV_WARNING = 1, SEV_ERROR = 2 };

const char *severity_name(enum severity s);            /* "note", "warning", "error" */
bool severity_parse(const char *s, enum severity *out);

struct diag_note {
    loc_t loc;
    char *msg;
};

struct diag {
    const char *rule;          /* rule id, static storage ("dump-unload-leak"); NULL for tool messages */
    enum severity sev;
    loc_t loc;
    char *msg;
    str_id function;           /* the function the finding is in (for baselines) */
    str_id subject;            /* what it is about (resource path, variable), for fingerprints */
    struct diag_note *notes;
    int nnotes, notes_cap;
    bool suppressed;           /* by NOLINT or baseline: not printed, not counted */
};

struct diag_list {
    struct diag *v;
    size_t n, cap;
};

struct diag *diag_add(struct diag_list *l, const char *rule, enum severity sev, loc_t loc,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_add_note(struct diag *d, loc_t loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Sort by file, line, column, rule, message; drop exact duplicates. */
void diag_list_sort(struct diag_list *l);
void diag_list_free(struct diag_list *l);
/* Stable fingerprint of a finding that ignores line numbers: rule, file,
 * function, subject and message. (SARIF and baselines mix in the reported
 * line's text as well: diag_fingerprint_as in suppress.h.) */
uint64_t diag_fingerprint(const struct diag *d);

#endif
