/* Parsing one translation unit with libclang and extracting its facts. */
#ifndef DUMPCHECK_PARSE_H
#define DUMPCHECK_PARSE_H

#include "clang_api.h"
#include "project.h"
#include "ir.h"
#include "lower.h"

enum parse_outcome {
    PARSE_OK,              /* facts extracted */
    PARSE_ERRORS,          /* compile errors in the checked files: cannot check */
    PARSE_FAILED,          /* libclang could not parse at all */
    PARSE_RETRY,           /* strict mode only: some error; nothing reported, parse plainly */
};

/* How to parse (all optional: zeroed means the plain parse). */
struct parse_input {
    const char *pch;             /* parse with -include-pch PCH */
    struct shared_facts *prefix; /* with pch (and an index that excludes its declarations): the
                                  * header's own facts, put in front (facts_attach_prefix) */
    bool strict;                 /* any error diagnostic at all gives PARSE_RETRY, reports nothing */
    bool want_includes;          /* fill parse_report.includes */
    bool exact_case;             /* without the case-insensitive overlay (with strict: a
                                  * file found only by another case gives PARSE_RETRY) */
};

struct parse_report {
    enum parse_outcome outcome;
    int system_header_errors;      /* errors confined to system headers (ignored) */
    char *first_system_error;      /* the first of them, formatted */
    char **includes;               /* want_includes: files read besides the main file */
    int nincludes;
};

/* Parses `t` and fills `facts`. Problems (compile errors, formatted like
 * clang) are appended to `problems`. `in` may be NULL. */
enum parse_outcome parse_and_lower(CXIndex index, const struct tu_spec *t, const struct options *o,
                                   const struct lower_options *lo, const struct parse_input *in,
                                   struct tu_facts *facts, struct diag_list *problems, struct parse_report *rep);
void parse_report_free(struct parse_report *rep);

#endif
