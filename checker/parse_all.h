/* Parsing every translation unit of the driver: on several threads (-j),
 * sharing the common leading headers through precompiled headers, and
 * reusing the facts of unchanged files from the cache. The result is the
 * same, in the same order, as parsing the files one after the other. */
#ifndef DUMPCHECK_PARSE_ALL_H
#define DUMPCHECK_PARSE_ALL_H

#include "lower.h"
#include "project.h"

struct parse_summary {
    int nfacts;                  /* facts[0..nfacts) hold the TUs that parsed, in order */
    int failed;                  /* TUs that did not parse (their problems are reported) */
    bool no_parser;              /* libclang could not be loaded (reported) */
    int system_header_errors;    /* summed over the TUs */
    char *first_system_error;    /* the first TU's first one (malloc'd) or NULL */
    /* The checked files, as named, whose text holds no NOLINT comment
     * (so suppressions need not read them again); malloc'd. */
    str_id *no_directives;
    int nno_directives;
    /* What it took (DUMPCHECK_STATS=1 prints them on stderr). */
    int from_cache, parsed_plain, parsed_shared, shared_headers, fallbacks;
    int shared_built;             /* of shared_headers, built by this run (the rest were kept) */
};

/* Fingerprint of what lowering depends on besides the source: the
 * routines treated as no-return and the nesting bound. */
uint64_t lower_fingerprint(const str_id *noreturn, int n, int max_depth);

/* `facts` has room for p->ntus entries. Problems are appended to
 * `problems` in TU order. */
void parse_all(const struct project *p, const struct options *o, const struct lower_options *lo,
               uint64_t lower_fp, struct tu_facts *facts, struct parse_summary *s, struct diag_list *problems);

#endif
