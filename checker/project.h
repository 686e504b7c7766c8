/* Which translation units make up the driver, and the compiler arguments
 * each is parsed with (command line, compile_commands.json, or the
 * embedded Windows-kernel default). */
#ifndef DUMPCHECK_PROJECT_H
#define DUMPCHECK_PROJECT_H

#include "options.h"

struct tu_spec {
    char *file;           /* as the user named it */
    char **args;          /* compiler arguments, without the source file */
    int nargs;
    char *directory;      /* working directory for relative paths, or NULL */
    bool is_cplusplus;
    int overlay_arg;      /* index of "-ivfsoverlay" (the case-insensitive
                           * overlay) in args, or -1 */
};

struct project {
    struct tu_spec *tus;
    int ntus;
    char *rules_dir;      /* the rule pack folder (include/ntdddump.h...) */
    char *overlay_path;   /* the case-insensitive VFS overlay written for this run */
};

/* The arguments of t in a new array (free it, not its strings), with
 * `before` empty slots in front and room for `after` more at the end;
 * exact_case leaves out the case-insensitive overlay. *n: slots used
 * (before + arguments). */
const char **tu_spec_args(const struct tu_spec *t, bool exact_case, int before, int after, int *n);

/* Builds the list; on failure returns -1 after adding a problem. */
int project_load(const struct options *o, struct project *p, struct diag_list *problems);
void project_free(struct project *p);
/* The source files DIR/compile_commands.json names (each entry's file,
 * joined to its directory when relative), or NULL when it cannot be read.
 * *n gets the count; free each and the array. */
char **compile_db_sources(const char *dir, int *n);

/* The folder holding rules/include, for the embedded default. */
char *project_find_rules_dir(void);

#endif
