/* --pre-commit (precommit.h). pre-commit runs hooks on the staged content
 * (it sets the unstaged changes aside first), so checking the working tree
 * checks what is being committed. */
#include "precommit.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "lsp/lsp.h"
#include "project.h"

enum root_kind { ROOT_DB, ROOT_CONFIG };

struct driver_root {
    char *dir;                 /* the folder of compile_commands.json or .dumpcheck.yaml */
    enum root_kind kind;
    char **sources;            /* its source files (absolute) */
    int nsources;
    bool selected;
    bool uses_compile;         /* a .dumpcheck.yaml with a `compile:` section: it names the driver */
    const char *first_staged;  /* the first staged file of it */
};

/* Does the configuration file describe how its driver compiles? */
static bool config_compiles(const char *path)
{
    struct config c;
    char *err = NULL;
    if (config_load(path, &c, &err) != 0) {
        free(err);
        return false; /* the check itself reports the file's error */
    }
    bool yes = c.has_compile;
    config_free(&c);
    return yes;
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool has_suffix(const char *name, const char *const *suffixes)
{
    const char *dot = strrchr(name, '.');
    for (int i = 0; dot && suffixes[i]; i++)
        if (!strcmp(dot + 1, suffixes[i]))
            return true;
    return false;
}

static const char *const source_suffixes[] = {"c", "cc", "cpp", "cxx", NULL};

/* Sources under `dir`, not in hidden folders nor in cache folders. */
static void scan_sources(const char *dir, int depth, char ***out, int *n, int *cap)
{
    if (depth > 16)
        return;
    char *tag = xasprintf("%s/CACHEDIR.TAG", dir);
    bool cache = is_file(tag);
    free(tag);
    DIR *d = cache ? NULL : opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    int nn = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        names = xrealloc(names, sizeof *names * (size_t)(nn + 1));
        names[nn++] = xstrdup(e->d_name);
    }
    closedir(d);
    /* a stable order, whatever the file system's */
    for (int i = 1; i < nn; i++)
        for (int k = i; k > 0 && strcmp(names[k - 1], names[k]) > 0; k--) {
            char *t = names[k];
            names[k] = names[k - 1];
            names[k - 1] = t;
        }
    for (int i = 0; i < nn; i++) {
        char *path = xasprintf("%s/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            scan_sources(path, depth + 1, out, n, cap);
            free(path);
        } else if (S_ISREG(st.st_mode) && has_suffix(names[i], source_suffixes)) {
            if (*n == *cap) {
                *cap = *cap ? *cap * 2 : 16;
                *out = xrealloc(*out, sizeof **out * (size_t)*cap);
            }
            (*out)[(*n)++] = path;
        } else {
            free(path);
        }
        free(names[i]);
    }
    free(names);
}

/* Paths under the current folder (where pre-commit runs: the repository's
 * top) are shown relative to it, as the user named the staged files. */
static void shorten_paths(char **paths, int n)
{
    char *cwd = path_canonical(".");
    size_t len = strlen(cwd);
    for (int i = 0; i < n; i++)
        if (!strncmp(paths[i], cwd, len) && paths[i][len] == '/')
            memmove(paths[i], paths[i] + len + 1, strlen(paths[i] + len + 1) + 1);
    free(cwd);
}

/* The driver root of `file`: the nearest folder, from the file's own up,
 * with a compile_commands.json (or one in its build/ folder) or a
 * .dumpcheck.yaml. Returns the root's index in `roots`, or -1. */
static int find_root(const char *file, struct driver_root **roots, int *nroots)
{
    char *dir = path_canonical(file);
    int found = -1;
    for (;;) {
        char *slash = strrchr(dir, '/');
        if (!slash)
            break;
        if (slash == dir) {
            if (!dir[1])
                break;
            dir[1] = 0;
        } else {
            *slash = 0;
        }
        const char *base = strcmp(dir, "/") ? dir : "";
        static const char *const candidates[] = {"compile_commands.json", "build/compile_commands.json",
                                                 ".dumpcheck.yaml"};
        for (int c = 0; c < 3 && found < 0; c++) {
            char *p = xasprintf("%s/%s", base, candidates[c]);
            if (is_file(p)) {
                char *root = c == 1 ? xasprintf("%s/build", base) : xstrdup(dir);
                enum root_kind kind = c == 2 ? ROOT_CONFIG : ROOT_DB;
                for (int i = 0; i < *nroots && found < 0; i++)
                    if (!strcmp((*roots)[i].dir, root) && (*roots)[i].kind == kind)
                        found = i;
                if (found < 0) {
                    *roots = xrealloc(*roots, sizeof **roots * (size_t)(*nroots + 1));
                    struct driver_root *r = &(*roots)[*nroots];
                    memset(r, 0, sizeof *r);
                    r->dir = xstrdup(root);
                    r->kind = kind;
                    if (kind == ROOT_DB) {
                        char **srcs = compile_db_sources(root, &r->nsources);
                        r->sources = srcs ? srcs : xcalloc(1, sizeof(char *));
                        for (int i = 0; i < r->nsources; i++) {
                            char *canon = path_canonical(r->sources[i]);
                            free(r->sources[i]);
                            r->sources[i] = canon;
                        }
                    } else if (config_compiles(p)) {
                        /* its `compile:` section says what the driver is: the
                         * staged files only select it */
                        r->uses_compile = true;
                    } else {
                        int cap = 0;
                        scan_sources(dir, 0, &r->sources, &r->nsources, &cap);
                        shorten_paths(r->sources, r->nsources);
                    }
                    found = (*nroots)++;
                }
                free(root);
            }
            free(p);
        }
        if (found >= 0 || !strcmp(dir, "/"))
            break;
    }
    free(dir);
    return found;
}

static bool root_has(const struct driver_root *r, const char *file)
{
    char *canon = path_canonical(file);
    bool in = false;
    for (int i = 0; i < r->nsources && !in; i++) {
        char *s = path_canonical(r->sources[i]);
        in = !strcmp(s, canon);
        free(s);
    }
    free(canon);
    return in;
}

int precommit_run(const struct options *o, int (*check)(const struct options *o))
{
    struct driver_root *roots = NULL;
    int nroots = 0, rc = 0;
    for (int i = 0; i < o->nfiles; i++) {
        const char *f = o->files[i];
        int r = find_root(f, &roots, &nroots);
        bool source = has_suffix(f, source_suffixes);
        if (r >= 0 && (!source || roots[r].uses_compile || root_has(&roots[r], f))) {
            roots[r].selected = true;
            if (!roots[r].first_staged)
                roots[r].first_staged = f;
            continue;
        }
        if (r >= 0)
            fprintf(stderr, "dumpcheck: note: %s: skipped: not a file of the driver %s describes\n", f,
                    roots[r].kind == ROOT_DB ? "the nearest compile_commands.json" : "the nearest .dumpcheck.yaml");
        else
            fprintf(stderr,
                    "dumpcheck: note: %s: skipped: it belongs to no driver (no compile_commands.json or "
                    ".dumpcheck.yaml in its folder or above)\n", f);
    }
    for (int i = 0; i < nroots; i++) {
        struct driver_root *r = &roots[i];
        if (!r->selected)
            continue;
        if (r->uses_compile) {
            /* the configuration's `compile:` section names the driver; a
             * staged file of it selects it */
            struct options d = *o;
            d.files = &r->first_staged;
            d.nfiles = 1;
            fprintf(stderr, "dumpcheck: checking the driver %s/.dumpcheck.yaml describes\n", r->dir);
            fflush(stderr);
            int one = check(&d);
            if (one > rc)
                rc = one;
            continue;
        }
        if (r->nsources == 0) {
            fprintf(stderr, "dumpcheck: note: %s: no source files to check\n", r->dir);
            continue;
        }
        struct options d = *o;
        d.files = NULL;
        d.nfiles = 0;
        if (r->kind == ROOT_DB) {
            d.build_dir = r->dir;
            fprintf(stderr, "dumpcheck: checking the driver of %s/compile_commands.json\n", r->dir);
        } else {
            d.files = (const char **)r->sources;
            d.nfiles = r->nsources;
            fprintf(stderr, "dumpcheck: checking the driver under %s (%d file%s)\n", r->dir, r->nsources,
                    r->nsources == 1 ? "" : "s");
        }
        fflush(stderr);
        int one = check(&d);
        if (one > rc)
            rc = one;
    }
    for (int i = 0; i < nroots; i++) {
        for (int k = 0; k < roots[i].nsources; k++)
            free(roots[i].sources[k]);
        free(roots[i].sources);
        free(roots[i].dir);
    }
    free(roots);
    return rc;
}
