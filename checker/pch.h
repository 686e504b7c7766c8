/* Sharing header work between translation units: files whose arguments
 * agree and whose leading #include block is the same text are parsed
 * against one precompiled header of that block. */
#ifndef DUMPCHECK_PCH_H
#define DUMPCHECK_PCH_H

#include "clang_api.h"
#include <stddef.h>
#include "facts_io.h"
#include "lower.h"
#include "project.h"

/* The shareable block at the top of a source: the leading run of blank
 * lines, comments and #include/#define/#undef lines, up to its last
 * #include (a #pragma, a conditional or anything else ends it).
 *
 * The precompiled header holds the block's directives, and the source is
 * parsed against it unchanged: its #include lines find their headers
 * already included (pch_build accepts only a block whose headers all have
 * an include guard or #pragma once), and its #define/#undef lines run again,
 * so macros keep their definitions in the source, as in a plain parse.
 * That is the same as a plain parse only when no header of the block
 * changes a macro after the block set it: the header ends with probes that
 * make such a block fail to compile (and so not be shared). */
struct pch_prefix {
    size_t len;          /* bytes of the source up to the end of the block's last #include */
    char *header;        /* text of the precompiled header: directives, then probes */
    size_t header_len;
};

/* Returns 0 and fills `out`, or -1 (out empty) when there is no block. */
int pch_prefix_scan(const char *src, size_t n, struct pch_prefix *out);
void pch_prefix_free(struct pch_prefix *p);

struct pch {
    char *path;          /* the precompiled header */
    char **deps;         /* the files it read (for the facts cache) */
    int ndeps;
    struct bytebuf facts;/* the prefix's own facts (facts_io encoding), for facts_prepend */
};

/* Builds a precompiled header of `prefix` with the arguments of `t` into
 * folder `dir` (file name from `id`). Quoted includes resolve as from the
 * directory of t->file; exact_case: without the case-insensitive overlay
 * (tu_spec_args). The declarations of the
 * prefix are lowered once, into out->facts: a translation unit parsed
 * against the header with an index that excludes the header's declarations
 * gets them back with facts_prepend. Returns 0, or -1 when
 * anything went wrong or the prefix does not compile without errors (the
 * caller then parses plainly). */
int pch_build(CXIndex index, const char *dir, const char *stem, const char *prefix, size_t plen,
              const struct tu_spec *t, bool exact_case, const struct lower_options *lo, struct pch *out);
void pch_free(struct pch *p);

/* Keeping a built header for later runs (in the cache folder): its facts
 * and the files it read, with their content hashes, next to it as
 * <stem>.facts and <stem>.deps (written atomically). */
struct file_hashes;
void pch_save(const char *dir, const char *stem, const struct pch *p, struct file_hashes *fh);
/* A header kept by an earlier run, if every file it read is unchanged (the
 * compiler checks the header's own inputs again when it loads it). */
int pch_load(const char *dir, const char *stem, struct file_hashes *fh, struct pch *out);

/* The files a parsed translation unit read, besides its main file
 * (clang_getInclusions), appended to *v / *n. */
void pch_collect_inclusions(CXTranslationUnit tu, char ***v, int *n);

#endif
