/* Parsing one translation unit with libclang and extracting its facts. */
#ifndef DUMPCHECK_PARSE_H
#define DUMPCHECK_PARSE_H

#include <clang-c/Index.h>
#include "project.h"
#include "ir.h"
#include "lower.h"

enum parse_outcome {
    PARSE_OK,              /* facts extracted */
    PARSE_ERRORS,          /* compile errors in the checked files: cannot check */
    PARSE_FAILED,          /* libclang could not parse at all */
};

struct parse_report {
    enum parse_outcome outcome;
    int system_header_errors;      /* errors confined to system headers (ignored) */
    char *first_system_error;      /* the first of them, formatted */
};

/* Parses `t` and fills `facts`. Problems (compile errors, formatted like
 * clang) are appended to `problems`. */
enum parse_outcome parse_and_lower(CXIndex index, const struct tu_spec *t, const struct options *o,
                                   const struct lower_options *lo, struct tu_facts *facts,
                                   struct diag_list *problems, struct parse_report *rep);

#endif
