/* Project import: dispatch on the build description's kind, and what the
 * readers share (paths as Windows writes them, the kit's folders). */
#include "import.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

bool import_is_project_file(const char *path)
{
    const char *b = base_name(path);
    return ends_with(b, ".vcxproj") || ends_with(b, ".sln") || !strcasecmp(b, "sources") || !strcasecmp(b, "dirs");
}

bool import_is_cxx_source(const char *file)
{
    return ends_with(file, ".cpp") || ends_with(file, ".cxx") || ends_with(file, ".cc") || ends_with(file, ".c++");
}

void import_add_gap(struct import_result *r, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *what = xvasprintf(fmt, ap);
    va_end(ap);
    /* The same gap met again (a property used in every configuration's
     * group) is named once. */
    for (int i = 0; i < r->ngaps; i++)
        if (!strcmp(r->gaps[i].what, what) && !strcmp(r->gaps[i].file, file)) {
            free(what);
            return;
        }
    r->gaps = xrealloc(r->gaps, sizeof *r->gaps * (size_t)(r->ngaps + 1));
    r->gaps[r->ngaps].what = what;
    r->gaps[r->ngaps].file = xstrdup(file);
    r->gaps[r->ngaps].line = line;
    r->ngaps++;
}

struct import_tu *import_add_tu(struct import_result *r, const char *file)
{
    r->tus = xrealloc(r->tus, sizeof *r->tus * (size_t)(r->ntus + 1));
    struct import_tu *t = &r->tus[r->ntus++];
    memset(t, 0, sizeof *t);
    t->file = xstrdup(file);
    t->is_cplusplus = import_is_cxx_source(file);
    return t;
}

void import_tu_push(struct import_tu *t, const char *arg)
{
    t->args = xrealloc(t->args, sizeof *t->args * (size_t)(t->nargs + 1));
    t->args[t->nargs++] = xstrdup(arg);
}

void import_add_project(struct import_result *r, const char *file)
{
    r->projects = xrealloc(r->projects, sizeof *r->projects * (size_t)(r->nprojects + 1));
    r->projects[r->nprojects++] = xstrdup(file);
}

char *import_path(const char *base, const char *path)
{
    char *p = xstrdup(path);
    for (char *c = p; *c; c++)
        if (*c == '\\')
            *c = '/';
    /* A drive letter has no meaning here: C:/x stays a name under base. */
    char *joined = p[0] == '/' || !base ? xstrdup(p) : xasprintf("%s/%s", base, p);
    free(p);
    path_tidy(joined);
    /* A trailing slash names a folder; the path is the folder. */
    size_t n = strlen(joined);
    while (n > 1 && joined[n - 1] == '/')
        joined[--n] = 0;
    char *found = access(joined, F_OK) == 0 ? NULL : path_resolve_case(joined);
    if (found) {
        free(joined);
        return found;
    }
    return joined;
}

bool import_is_kit_include(const char *path)
{
    /* The component after the kit's root: inc, include (the WDK 7 tree's
     * inc\ddk, inc\api, inc\crt; the WDK 10 tree's Include\<ver>\km). */
    const char *p = path;
    while (*p) {
        while (*p == '\\' || *p == '/')
            p++;
        const char *end = p;
        while (*end && *end != '\\' && *end != '/')
            end++;
        size_t n = (size_t)(end - p);
        if ((n == 3 && !strncasecmp(p, "inc", 3)) || (n == 7 && !strncasecmp(p, "include", 7)))
            return true;
        p = end;
    }
    return false;
}

bool import_is_drive_path(const char *path)
{
    return ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')) && path[1] == ':' &&
           (path[2] == '\\' || path[2] == '/');
}

int project_import(const char *path, const char *configuration, struct import_result *out, char **err)
{
    memset(out, 0, sizeof *out);
    *err = NULL;
    struct stat st;
    if (stat(path, &st) != 0) {
        *err = xasprintf("cannot open the project '%s': no such file", path);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        *err = xasprintf("the project '%s' is not a file (give the .vcxproj, .sln or sources file)", path);
        return -1;
    }
    char real[PATH_MAX];
    const char *abs = realpath(path, real) ? real : path;
    const char *b = base_name(abs);
    int rc;
    if (ends_with(b, ".sln"))
        rc = msbuild_import_solution(abs, configuration, out, err);
    else if (ends_with(b, ".vcxproj"))
        rc = msbuild_import_project(abs, configuration, out, err);
    else if (!strcasecmp(b, "sources") || !strcasecmp(b, "dirs"))
        rc = wdk_sources_import(abs, out, err);
    else {
        *err = xasprintf("'%s' is not a project dumpcheck reads: give a .vcxproj, a .sln, or a WDK 'sources' file", path);
        rc = -1;
    }
    if (rc == 0 && out->ntus == 0) {
        *err = xasprintf("the project '%s' compiles no C or C++ source%s%s%s: nothing to check", path,
                         out->configuration ? " in configuration '" : "", out->configuration ? out->configuration : "",
                         out->configuration ? "'" : "");
        rc = -1;
    }
    if (rc != 0)
        import_result_free(out);
    return rc;
}

void import_result_free(struct import_result *r)
{
    for (int i = 0; i < r->ntus; i++) {
        for (int k = 0; k < r->tus[i].nargs; k++)
            free(r->tus[i].args[k]);
        free(r->tus[i].args);
        free(r->tus[i].file);
    }
    free(r->tus);
    for (int i = 0; i < r->ngaps; i++) {
        free(r->gaps[i].what);
        free(r->gaps[i].file);
    }
    free(r->gaps);
    for (int i = 0; i < r->nprojects; i++)
        free(r->projects[i]);
    free(r->projects);
    free(r->configuration);
    free(r->note);
    memset(r, 0, sizeof *r);
}
