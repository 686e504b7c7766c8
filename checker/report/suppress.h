/* In-source suppressions (clang-tidy's NOLINT comments) and baselines of
 * accepted findings. Both mark findings `suppressed` rather than remove
 * them, so --warn-unused-suppressions and --write-baseline can see all. */
#ifndef DUMPCHECK_SUPPRESS_H
#define DUMPCHECK_SUPPRESS_H

#include "../options.h"

/* NOLINT(rule-globs), NOLINTNEXTLINE(...), NOLINTBEGIN/NOLINTEND(...).
 * Malformed or (with --warn-unused-suppressions) unused ones are added to
 * `findings` as tool findings. */
void suppressions_apply(const struct options *o, struct diag_list *findings);

/* --baseline / --write-baseline. Returns -1 (with a problem added) when
 * the baseline cannot be read or written. */
int baseline_apply(const struct options *o, struct diag_list *findings, struct diag_list *problems);

#endif
