/* --verify: findings checked against expectations written in the sources,
 * as clang's -verify does: `// PREFIX-warning{{text}}`, `@+N`/`@-N` line
 * offsets, `PREFIX-note{{...}}` / `PREFIX-error{{...}}` for findings of
 * those severities, `PREFIX-no-diagnostics`. Path notes are not matched. */
#ifndef DUMPCHECK_VERIFY_H
#define DUMPCHECK_VERIFY_H

#include "../options.h"

/* 0 when every expectation is met and nothing unexpected was found, else 1
 * (the differences printed to stderr). */
int verify_findings(const struct options *o, const struct diag_list *findings);

#endif
