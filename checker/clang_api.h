/* libclang, loaded at run time.
 *
 * Loading libclang (and the LLVM library under it) costs a process start
 * far more than anything else dumpcheck does when its cache answers: it is
 * loaded, on a thread of its own, only once a run knows it will parse (a
 * file the cache has no entry for, a compilation database to read), and
 * waited for only where it is needed. A run its cache answers whole never
 * loads it.
 *
 * Include this header instead of <clang-c/Index.h>: every clang_* function
 * of clang_api.def is then called through the loaded table, unchanged at
 * the call site. */
#ifndef DUMPCHECK_CLANG_API_H
#define DUMPCHECK_CLANG_API_H

#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>
#include <stdbool.h>

struct clang_api {
#define CLANG_FN(name) __typeof__(name) *name;
#include "clang_api.def"
#undef CLANG_FN
};

/* The library loaded: $DUMPCHECK_LIBCLANG if set, else the one built
 * against. */
const char *clang_api_library(void);
/* Starts loading on a thread of its own (once). */
void clang_api_start(void);
/* Waits for the load: 0, or -1 with *why (static text) saying what failed. */
int clang_api_wait(const char **why);
/* Loads the library on this thread, now (a process that must not start
 * threads of its own, see resident.c); as clang_api_wait otherwise. */
int clang_api_load_now(const char **why);
/* Has this run started loading the library (whatever came of it)? */
bool clang_api_started(void);
/* Is the library still loading (started, not yet done)? */
bool clang_api_loading(void);
/* The table; waits if needed. Call only after clang_api_wait succeeded. */
const struct clang_api *clang_api_table(void);
/* How long the loading took (0 before it ended): the library itself, and
 * the first index (LLVM's own set-up). For DUMPCHECK_STATS. */
void clang_api_load_times(double *library_ms, double *first_index_ms);
/* Waits for the loading thread to end, so that the process never exits
 * while the library's initialisers run. */
void clang_api_finish(void);

#ifndef DUMPCHECK_CLANG_API_IMPL
#include "clang_api_redirect.h"
#endif

#endif
