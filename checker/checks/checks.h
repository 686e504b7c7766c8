/* The rule registry. Each rule lives in its own file under checks/ and
 * registers hooks with the engine in its `register` function; none knows
 * the others. */
#ifndef DUMPCHECK_CHECKS_H
#define DUMPCHECK_CHECKS_H

#include <stdbool.h>
#include "../report/diag.h"

struct analysis;   /* the whole-driver analysis context (engine/analysis.h) */

struct check {
    const char *id;               /* "dump-unload-leak" */
    const char *summary;          /* one line, for --list-checks and SARIF shortDescription */
    enum severity default_sev;
    void (*register_hooks)(struct analysis *a, const struct check *self);
};

/* All rules, in a stable order. */
const struct check *const *checks_all(size_t *count);
const struct check *checks_find(const char *id);
/* clang-tidy style globs: "*,-dump-pool-tag-mismatch"; later entries win. */
bool checks_glob_enabled(const char *globs, const char *id);
/* Validate a glob list; returns false and sets *bad to the offending entry. */
bool checks_glob_valid(const char *globs, const char **bad);
/* How many rules the globs enable. */
int checks_enabled_count(const char *globs);

#endif
