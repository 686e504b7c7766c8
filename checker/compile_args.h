/* Compiler arguments from inputs dumpcheck does not control (a compilation
 * database, a project file, a response or configuration file they name):
 * only what parsing needs is passed on to libclang, so that no argument can
 * load code (-fplugin=, -Xclang -load), write files (-MJ, -save-temps,
 * --serialize-diagnostics, module caches) or run a program. */
#ifndef DUMPCHECK_COMPILE_ARGS_H
#define DUMPCHECK_COMPILE_ARGS_H

#include "util/util.h"

/* A growable list of owned strings. */
struct strlist {
    char **v;
    int n, cap;
};
void strlist_push(struct strlist *l, const char *s);
void strlist_push_take(struct strlist *l, char *s);
bool strlist_has(const struct strlist *l, const char *s);
void strlist_free(struct strlist *l);

/* Splits a command line as a POSIX shell would quote it (single and double
 * quotes, backslash escapes), without any expansion; `#` starts a comment
 * at the start of a word when `comments` (configuration files). */
void split_command_line(const char *text, size_t len, bool comments, struct strlist *out);

/* Filters a clang-style argument vector (without the compiler's name and
 * the source file) to the allow-list of what parsing needs: include paths,
 * defines, forced includes, language, standard and target options,
 * warnings, and the -f options that change what is accepted. `@FILE`
 * response files and `--config FILE` are read here (relative to `dir`, or
 * to the including file) and their arguments filtered the same way. What
 * is kept goes to `kept`; what is dropped (but the output and code
 * generation options every build has: -c, -o FILE, -MD, -MF FILE, -g, -O2,
 * -fPIC...) to `dropped`, once each, for the caller's one note. */
void compile_args_filter(char *const *argv, int argc, const char *dir, struct strlist *kept, struct strlist *dropped);

#endif
