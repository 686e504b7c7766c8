/* compile_commands.json, read and validated whole by dumpcheck itself (one
 * JSON reader: what is validated is what is used). */
#ifndef DUMPCHECK_COMPILE_DB_H
#define DUMPCHECK_COMPILE_DB_H

#include "compile_args.h"

struct compile_command {
    char *directory;      /* the entry's folder (absolute as written) */
    char *file;           /* the source, joined to directory when relative */
    struct strlist argv;  /* the command, the compiler's name first */
};

struct compile_db {
    struct compile_command *cmds;
    int n;
    char **real;          /* each entry's file resolved, made on the first lookup */
};

/* Reads `path`. On failure returns -1 with *error (malloc'd) saying what is
 * wrong and where: not a regular file, too large, not JSON (line:column),
 * a NUL byte, an entry without directory/file/command or arguments. */
int compile_db_read(const char *path, struct compile_db *db, char **error);
void compile_db_free(struct compile_db *db);

/* The entry for `file` (compared by real path), or NULL. */
const struct compile_command *compile_db_find(struct compile_db *db, const char *file);

/* The arguments of a command that describe how to parse its file: without
 * the compiler's name and the source file itself (however spelled), with
 * --target= added when the compiler's name carries one
 * (x86_64-w64-mingw32-gcc). Not yet filtered. */
void compile_command_args(const struct compile_command *c, struct strlist *out);

#endif
