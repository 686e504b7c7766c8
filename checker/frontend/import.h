/* A driver's own build description -- an MSBuild project (.vcxproj), a
 * solution (.sln) naming projects, or the WDK's legacy `sources` file --
 * read into the translation units it compiles and the clang-style
 * arguments of each (the same shape a compile database gives). */
#ifndef DUMPCHECK_FRONTEND_IMPORT_H
#define DUMPCHECK_FRONTEND_IMPORT_H

#include <stdbool.h>

/* The configuration MSBuild builds when none is named. */
#define IMPORT_DEFAULT_CONFIGURATION "Release|x64"

struct import_tu {
    char *file;          /* absolute, with '/' */
    char **args;         /* -I DIR, -DNAME, -UNAME, -include FILE, -x LANG, -std=, -m32 */
    int nargs;
    bool is_cplusplus;
};

/* Something of the build description that has no translation (a property
 * nothing defines, a property function, a condition form not evaluated),
 * where it is written. */
struct import_gap {
    char *what;
    char *file;
    int line;
};

struct import_result {
    struct import_tu *tus;
    int ntus;
    struct import_gap *gaps;
    int ngaps;
    char **projects;     /* the project or sources files read, in order */
    int nprojects;
    char *configuration; /* the one used ("Release|x64"); NULL for a sources file */
    char *note;          /* why another configuration than the one asked for was
                          * taken (the default absent from the project), or NULL */
};

/* Reads `path` (.vcxproj, .sln, or a file named `sources`) for
 * `configuration` ("Release|x64"; NULL: the default, or the project's
 * nearest to it when it has no such configuration). The include folders
 * that point into the WDK are left out: the embedded kernel headers stand
 * for them. Returns 0, or -1 with *err a message (malformed file, unknown
 * configuration with the list of those that exist, circular import, no
 * sources). */
int project_import(const char *path, const char *configuration, struct import_result *out, char **err);
void import_result_free(struct import_result *r);

/* Is `path` a build description project_import reads (by its name)? */
bool import_is_project_file(const char *path);

/* ---- shared by the readers (import.c) ---- */

void import_add_gap(struct import_result *r, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A new translation unit for `file` (absolute), with no arguments yet. */
struct import_tu *import_add_tu(struct import_result *r, const char *file);
void import_tu_push(struct import_tu *t, const char *arg);
void import_add_project(struct import_result *r, const char *file);
/* `path` as written in a Windows build file (backslashes, any case),
 * relative to `base`: absolute with '/', each component matched in another
 * case when it does not exist as written. */
char *import_path(const char *base, const char *path);
/* Does the include folder, as written, name a folder of the kit (the WDK's
 * inc\ddk, inc\api, Include\...\km...)? */
bool import_is_kit_include(const char *path);
/* Does the path start with a drive letter (C:\...), a place on the machine
 * that built the driver? */
bool import_is_drive_path(const char *path);
bool import_is_cxx_source(const char *file);

/* The readers. */
int msbuild_import_project(const char *path, const char *configuration, struct import_result *out, char **err);
int msbuild_import_solution(const char *path, const char *configuration, struct import_result *out, char **err);
int wdk_sources_import(const char *path, struct import_result *out, char **err);

#endif
