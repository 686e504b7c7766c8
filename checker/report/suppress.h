/* In-source suppressions (clang-tidy's NOLINT comments) and baselines of
 * accepted findings. Both mark findings `suppressed` rather than remove
 * them, so --warn-unused-suppressions and --write-baseline can see all. */
#ifndef DUMPCHECK_SUPPRESS_H
#define DUMPCHECK_SUPPRESS_H

#include "../options.h"

/* The rule id of dumpcheck's own findings about NOLINT comments (unknown
 * rule, unbalanced NOLINTBEGIN/NOLINTEND, unused with
 * --warn-unused-suppressions). */
#define SUPPRESSION_RULE "dumpcheck-suppression"
#define SUPPRESSION_RULE_SUMMARY "a NOLINT comment is malformed, names no dumpcheck rule, or suppresses nothing"

/* NOLINT(rule-globs), NOLINTNEXTLINE(...), NOLINTBEGIN/NOLINTEND(...).
 * Malformed or (with --warn-unused-suppressions) unused ones are added to
 * `findings` as tool findings. */
void suppressions_apply(const struct options *o, struct diag_list *findings, const str_id *no_directives, int nno);
/* Does the text mention NOLINT at all? Files that do not (`no_directives`
 * above, as the run read them) are not read again. */
bool text_mentions_nolint(const char *text, size_t len);

/* --baseline / --write-baseline. Returns -1 (with a problem added) when
 * the baseline cannot be read or written. */
int baseline_apply(const struct options *o, struct diag_list *findings, struct diag_list *problems);

/* How a finding flagged `suppressed` was suppressed (SARIF's
 * suppressions[].kind): in source (NOLINT) or externally (baseline). Valid
 * for the findings of the last suppressions_apply/baseline_apply run. */
enum suppression_kind { SUPPRESSED_NOT, SUPPRESSED_IN_SOURCE, SUPPRESSED_EXTERNAL };
enum suppression_kind suppression_kind_of(const struct diag *d);

/* diag_fingerprint() as if the finding's file were named `file` (a path
 * relative to the repository), so the value survives moving the checkout,
 * mixed with the text of the reported line without its white space (NULL
 * when unknown), so findings with the same message on different lines of
 * one function stay apart while moving the code changes nothing. */
uint64_t diag_fingerprint_as(const struct diag *d, const char *file, const char *line, size_t len);

#endif
