/* Which translation units make up the driver, and the compiler arguments
 * each is parsed with (command line, compile_commands.json, or the
 * embedded Windows-kernel default). */
#ifndef DUMPCHECK_PROJECT_H
#define DUMPCHECK_PROJECT_H

#include "options.h"

struct config_compile;

/* The case-insensitive VFS overlay of a run: its file is named when the
 * project loads and written the first time a parse needs it (most files
 * compile with their header names as written, and listing the include
 * folders costs more than a check its cache answers). */
struct case_overlay;
/* Writes the overlay file unless done; false if it could not be. */
bool case_overlay_ready(struct case_overlay *ov);
/* Has a parse of this run needed it (DUMPCHECK_STATS)? */
bool case_overlay_written(struct case_overlay *ov);

struct tu_spec {
    char *file;           /* as the user named it */
    char **args;          /* compiler arguments, without the source file */
    int nargs;
    char *directory;      /* working directory for relative paths, or NULL */
    bool is_cplusplus;
    int overlay_arg;      /* index of "-ivfsoverlay" (the case-insensitive
                           * overlay) in args, or -1 */
    struct case_overlay *overlay; /* the project's, when overlay_arg >= 0 */
    char *text;           /* the file as read when the project loaded (NULL: an
                           * editor buffer stands for it) */
    size_t len;
};

struct project {
    struct tu_spec *tus;
    int ntus;
    char *rules_dir;      /* the rule pack folder (include/ntdddump.h...) */
    struct case_overlay *overlay; /* NULL: none (a target the user chose) */
    char **extra_args;    /* those after `--`, filtered as a database's are */
    int nextra_args;
};

/* The arguments of t in a new array (free it, not its strings), with
 * `before` empty slots in front and room for `after` more at the end;
 * exact_case leaves out the case-insensitive overlay (else it is written
 * now if not yet). *n: slots used
 * (before + arguments). */
const char **tu_spec_args(const struct tu_spec *t, bool exact_case, int before, int after, int *n);

/* Builds the list; on failure returns -1 after adding a problem. `cc`: the
 * configuration file's compile: section, or NULL. */
int project_load(const struct options *o, const struct config_compile *cc, struct project *p,
                 struct diag_list *problems);
/* Only which files, with their own arguments (the project's or database's,
 * then the configuration's), before the files are read and the embedded
 * defaults added: what --dump-config shows. */
int project_sources(const struct options *o, const struct config_compile *cc, struct project *p,
                    struct diag_list *problems);
void project_free(struct project *p);
/* The source files DIR/compile_commands.json names (each entry's file,
 * joined to its directory when relative), or NULL when it cannot be read.
 * *n gets the count; free each and the array. */
char **compile_db_sources(const char *dir, int *n);

/* The folder holding rules/include, for the embedded default. */
char *project_find_rules_dir(void);

#endif
