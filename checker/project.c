#include "project.h"
#include "cache.h"
#include "config.h"
#include "frontend/import.h"

#include "compile_db.h"
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcasecmp(s + n - m, suf) == 0;
}

static bool is_cxx_file(const char *f)
{
    return has_suffix(f, ".cpp") || has_suffix(f, ".cxx") || has_suffix(f, ".cc") || has_suffix(f, ".c++");
}

char *project_find_rules_dir(void)
{
    const char *env = getenv("DUMPCHECK_RULES_DIR");
    if (env && is_dir(env))
        return xstrdup(env);
    /* Next to the executable when installed: <prefix>/bin/../share/dumpcheck/rules */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            char *cand = xasprintf("%s/../share/dumpcheck/rules", exe);
            char *inc = xasprintf("%s/include/ntdddump.h", cand);
            bool ok = is_file(inc);
            free(inc);
            if (ok)
                return cand;
            free(cand);
        }
    }
    if (is_dir(DUMPCHECK_SOURCE_RULES_DIR))
        return xstrdup(DUMPCHECK_SOURCE_RULES_DIR);
    if (is_dir(DUMPCHECK_INSTALL_RULES_DIR))
        return xstrdup(DUMPCHECK_INSTALL_RULES_DIR);
    return NULL;
}

/* ---- argument vectors ---- */

struct argv {
    char **v;
    int n, cap;
};

static void argv_push(struct argv *a, const char *s)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 16;
        a->v = xrealloc(a->v, (size_t)a->cap * sizeof(char *));
    }
    a->v[a->n++] = xstrdup(s);
}

static bool args_have_prefix(char **v, int n, const char *prefix)
{
    for (int i = 0; i < n; i++)
        if (!strncmp(v[i], prefix, strlen(prefix)))
            return true;
    return false;
}

/* ---- case-insensitive include lookup ---- */

struct overlay {
    struct strbuf json;
    int nfiles;
    bool first_root;
};

static bool is_header_name(const char *n)
{
    return has_suffix(n, ".h") || has_suffix(n, ".hpp") || has_suffix(n, ".hh") || has_suffix(n, ".inl") ||
           has_suffix(n, ".inc");
}

static void json_escape(struct strbuf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            sb_putc(b, '\\');
        sb_putc(b, *s);
    }
}

/* One overlay directory entry listing its headers, so that clang's
 * case-insensitive VFS maps `#include "TCdefs.h"` to Tcdefs.h. */
static void overlay_add_dir(struct overlay *ov, const char *dir, int depth)
{
    if (depth > 4 || ov->nfiles > 20000)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct strbuf files = {0};
    int count = 0;
    struct dirent *de;
    char **subdirs = NULL;
    int nsub = 0;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char *path = xasprintf("%s/%s", dir, de->d_name);
        /* The entry's own type when the file system gives it (no stat per
         * header of a large include folder). */
        bool sub = de->d_type == DT_DIR || ((de->d_type == DT_UNKNOWN || de->d_type == DT_LNK) && is_dir(path));
        /* A cache folder inside the tree (dumpcheck's own, tagged) holds
         * no header of the driver's. */
        if (sub && is_tagged_cache_folder(path)) {
            free(path);
            continue;
        }
        if (sub) {
            subdirs = xrealloc(subdirs, sizeof(char *) * (size_t)(nsub + 1));
            subdirs[nsub++] = path;
            continue;
        }
        if (is_header_name(de->d_name)) {
            sb_puts(&files, count ? ",\n" : "");
            sb_puts(&files, "{\"type\":\"file\",\"name\":\"");
            json_escape(&files, de->d_name);
            sb_puts(&files, "\",\"external-contents\":\"");
            json_escape(&files, path);
            sb_puts(&files, "\"}");
            count++;
            ov->nfiles++;
        }
        free(path);
    }
    closedir(d);
    if (count > 0) {
        sb_puts(&ov->json, ov->first_root ? "" : ",\n");
        ov->first_root = false;
        sb_puts(&ov->json, "{\"type\":\"directory\",\"name\":\"");
        json_escape(&ov->json, dir);
        sb_puts(&ov->json, "\",\"contents\":[");
        sb_puts(&ov->json, files.s ? files.s : "");
        sb_puts(&ov->json, "]}");
    }
    free(files.s);
    for (int i = 0; i < nsub; i++) {
        overlay_add_dir(ov, subdirs[i], depth + 1);
        free(subdirs[i]);
    }
    free(subdirs);
}

static char *absolute_dir_of(const char *file)
{
    char *copy = xstrdup(file);
    char *slash = strrchr(copy, '/');
    const char *dir = ".";
    if (slash) {
        *slash = 0;
        dir = copy[0] ? copy : "/";
    }
    char real[PATH_MAX];
    char *r = realpath(dir, real) ? xstrdup(real) : NULL;
    free(copy);
    return r;
}

/* The include folders named in an argument vector (-I DIR, -IDIR,
 * -isystem, -iquote, -idirafter), made absolute against `base`. */
static void collect_include_dirs(char **args, int nargs, const char *base, struct argv *out)
{
    static const char *const opts[] = {"-I", "-isystem", "-iquote", "-idirafter"};
    for (int i = 0; i < nargs; i++) {
        for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
            size_t n = strlen(opts[k]);
            if (strncmp(args[i], opts[k], n) != 0)
                continue;
            const char *dir = args[i][n] ? args[i] + n : (i + 1 < nargs ? args[i + 1] : NULL);
            if (!dir)
                break;
            char *joined = dir[0] == '/' || !base ? xstrdup(dir) : xasprintf("%s/%s", base, dir);
            char real[PATH_MAX];
            if (realpath(joined, real))
                argv_push(out, real);
            free(joined);
            break;
        }
    }
}

struct case_overlay {
    pthread_mutex_t lock;
    char *path;           /* named (an empty file) when the project loads */
    bool written, ok;
    struct argv dirs;     /* the folders to list, project's first */
    int nproject;         /* dirs[0..nproject) are the project's own */
};

/* The folders the overlay lists, in order: the project's include folders
 * first (they must win over the system folders for a name written in
 * another case), the sources' own folders, then mingw's and the rule
 * pack's. */
static void overlay_dirs(struct project *p, const struct options *o, const char *mingw, struct argv *dirs,
                         int *nproject)
{
    char cwd[PATH_MAX];
    const char *here = getcwd(cwd, sizeof cwd) ? cwd : NULL;
    collect_include_dirs(p->extra_args, p->nextra_args, here, dirs);
    for (int i = 0; i < p->ntus; i++) {
        const char *wd = here;
        for (int k = 0; k < p->tus[i].nargs; k++)
            if (!strncmp(p->tus[i].args[k], "-working-directory=", 19))
                wd = p->tus[i].args[k] + 19;
        collect_include_dirs(p->tus[i].args, p->tus[i].nargs, wd, dirs);
    }
    /* Files of one folder usually come together: resolve each folder once. */
    char *last_file = NULL;
    for (int i = 0; i < p->ntus; i++) {
        const char *f = p->tus[i].file;
        const char *slash = strrchr(f, '/');
        size_t dlen = slash ? (size_t)(slash - f) : 0;
        if (last_file && !strncmp(last_file, f, dlen) && (last_file[dlen] == '/' || (!dlen && !strchr(last_file, '/'))) &&
            !strchr(last_file + dlen + (dlen ? 1 : 0), '/'))
            continue;
        free(last_file);
        last_file = xstrdup(f);
        char *dir = absolute_dir_of(f);
        if (dir)
            argv_push(dirs, dir);
        free(dir);
    }
    free(last_file);
    *nproject = dirs->n;
    if (mingw) {
        char *ddk = xasprintf("%s/ddk", mingw);
        argv_push(dirs, mingw);
        argv_push(dirs, ddk);
        free(ddk);
    }
    /* The rule pack's own headers (<ntdddump.h>), which drivers spell as
     * they like too. */
    if (p->rules_dir) {
        char *inc = xasprintf("%s/include", p->rules_dir);
        argv_push(dirs, inc);
        free(inc);
    }
}

static struct case_overlay *case_overlay_new(struct project *p, const struct options *o, const char *mingw)
{
    char tmpl[] = "/tmp/dumpcheck-overlay-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0)
        return NULL;
    close(fd);
    struct case_overlay *ov = xcalloc(1, sizeof *ov);
    pthread_mutex_init(&ov->lock, NULL);
    ov->path = xstrdup(tmpl);
    overlay_dirs(p, o, mingw, &ov->dirs, &ov->nproject);
    return ov;
}

static bool overlay_write(struct case_overlay *cov)
{
    struct overlay ov = {{0}, 0, true};
    sb_puts(&ov.json, "{\"version\":0,\"case-sensitive\":\"false\",\"use-external-names\":false,\"overlay-relative\":false,\"roots\":[\n");
    for (int i = 0; i < cov->dirs.n; i++) {
        bool dup = false;
        for (int j = 0; j < i && !dup; j++)
            dup = !strcmp(cov->dirs.v[j], cov->dirs.v[i]);
        /* The project's folders with two levels of subfolders; the
         * system's alone. */
        if (!dup)
            overlay_add_dir(&ov, cov->dirs.v[i], i < cov->nproject ? 2 : 4);
    }
    sb_puts(&ov.json, "]}\n");
    bool ok = write_file_atomically(cov->path, ov.json.s, strlen(ov.json.s));
    free(ov.json.s);
    return ok;
}

bool case_overlay_ready(struct case_overlay *ov)
{
    pthread_mutex_lock(&ov->lock);
    if (!ov->written) {
        ov->written = true;
        ov->ok = overlay_write(ov);
    }
    bool ok = ov->ok;
    pthread_mutex_unlock(&ov->lock);
    return ok;
}

bool case_overlay_written(struct case_overlay *ov)
{
    pthread_mutex_lock(&ov->lock);
    bool w = ov->written && ov->ok;
    pthread_mutex_unlock(&ov->lock);
    return w;
}

static void case_overlay_free(struct case_overlay *ov)
{
    if (!ov)
        return;
    unlink(ov->path);
    free(ov->path);
    for (int i = 0; i < ov->dirs.n; i++)
        free(ov->dirs.v[i]);
    free(ov->dirs.v);
    pthread_mutex_destroy(&ov->lock);
    free(ov);
}

/* ---- the embedded default ---- */

/* Completes a TU's arguments: the kernel defaults (unless the user or the
 * database chose a target), the TU's own, the extra ones after `--`, then
 * what libclang always needs. */
/* What the defaults find on this machine, looked up once per run. */
struct default_files {
    bool have_mingw;
    char *compat;         /* rules/include/dumpcheck_wdk_compat.h, or NULL */
    char *cxx_compat;     /* rules/include/dumpcheck_cxx_compat.h, or NULL */
};

static char *existing_file(char *path)
{
    if (is_file(path))
        return path;
    free(path);
    return NULL;
}

static void default_files_find(const struct project *p, struct default_files *d)
{
    d->have_mingw = is_dir(DUMPCHECK_MINGW_INCLUDE_DIR);
    d->compat = p->rules_dir ? existing_file(xasprintf("%s/include/dumpcheck_wdk_compat.h", p->rules_dir)) : NULL;
    d->cxx_compat = p->rules_dir ? existing_file(xasprintf("%s/include/dumpcheck_cxx_compat.h", p->rules_dir)) : NULL;
}

static void default_files_free(struct default_files *d)
{
    free(d->compat);
    free(d->cxx_compat);
}

static void add_default_args(struct project *p, struct tu_spec *t, const struct options *o, bool kernel_defaults,
                             const struct default_files *df)
{
    struct argv a = {0};
    const char *mingw = DUMPCHECK_MINGW_INCLUDE_DIR;
    if (kernel_defaults) {
        argv_push(&a, "--target=x86_64-w64-mingw32");
        argv_push(&a, "-fms-extensions");
        if (df->have_mingw) {
            argv_push(&a, "-isystem");
            char *ddk = xasprintf("%s/ddk", mingw);
            argv_push(&a, ddk);
            argv_push(&a, "-isystem");
            argv_push(&a, mingw);
            free(ddk);
        }
        /* What MSVC accepts with a warning is not an error here either. */
        argv_push(&a, "-Wno-error=incompatible-function-pointer-types");
        argv_push(&a, "-Wno-error=incompatible-pointer-types");
        argv_push(&a, "-Wno-error=int-conversion");
        argv_push(&a, "-Wno-error=implicit-function-declaration");
        argv_push(&a, "-Wno-error=implicit-int");
        argv_push(&a, "-Wno-error=return-type");
        argv_push(&a, "-Wno-microsoft-include");
        /* Every error counts: one in a system header must not hide ours. */
        argv_push(&a, "-ferror-limit=0");
        if (t->is_cplusplus) {
            argv_push(&a, "-D__INTRINSIC_DEFINED_InterlockedBitTestAndSet");
            argv_push(&a, "-D__INTRINSIC_DEFINED_InterlockedBitTestAndReset");
        }
        if (df->compat) {
            argv_push(&a, "-include");
            argv_push(&a, df->compat);
        }
        if (t->is_cplusplus && df->cxx_compat) {
            argv_push(&a, "-include");
            argv_push(&a, df->cxx_compat);
        }
        if (p->overlay) {
            t->overlay = p->overlay;
            t->overlay_arg = a.n;
            argv_push(&a, "-ivfsoverlay");
            argv_push(&a, p->overlay->path);
        }
    }
    for (int i = 0; i < t->nargs; i++)
        argv_push(&a, t->args[i]);
    for (int i = 0; i < p->nextra_args; i++)
        argv_push(&a, p->extra_args[i]);
    if (p->rules_dir) {
        /* Our ntdddump.h only when the sources' include path has none. */
        char *inc = xasprintf("%s/include", p->rules_dir);
        argv_push(&a, "-idirafter");
        argv_push(&a, inc);
        free(inc);
    }
    if (!args_have_prefix(a.v, a.n, "-resource-dir")) {
        argv_push(&a, "-resource-dir");
        argv_push(&a, DUMPCHECK_CLANG_RESOURCE_DIR);
    }
    if (t->is_cplusplus && !args_have_prefix(a.v, a.n, "-x")) {
        argv_push(&a, "-x");
        argv_push(&a, "c++");
    }
    for (int i = 0; i < t->nargs; i++)
        free(t->args[i]);
    free(t->args);
    t->args = a.v;
    t->nargs = a.n;
}

const char **tu_spec_args(const struct tu_spec *t, bool exact_case, int before, int after, int *n)
{
    const char **v = xcalloc((size_t)(before + t->nargs + after) + 1, sizeof *v);
    /* The overlay is written the first time a parse needs it; one that
     * cannot be is left out (the parse then reports the missing header). */
    bool drop = t->overlay_arg >= 0 && t->overlay_arg + 1 < t->nargs && (exact_case || !case_overlay_ready(t->overlay));
    int k = before;
    for (int i = 0; i < t->nargs; i++)
        if (!drop || (i != t->overlay_arg && i != t->overlay_arg + 1))
            v[k++] = t->args[i];
    *n = k;
    return v;
}

static void add_tu(struct project *p, const char *file, char **args, int nargs, const char *dir)
{
    p->tus = xrealloc(p->tus, sizeof(struct tu_spec) * (size_t)(p->ntus + 1));
    struct tu_spec *t = &p->tus[p->ntus++];
    memset(t, 0, sizeof *t);
    t->file = xstrdup(file);
    t->args = args;
    t->nargs = nargs;
    t->directory = dir ? xstrdup(dir) : NULL;
    t->overlay_arg = -1;
    t->is_cplusplus = is_cxx_file(file);
}

/* The arguments a database entry parses its file with: the entry's own,
 * filtered to what parsing needs (what was dropped goes to `dropped`),
 * after -working-directory for its relative paths. */
static void entry_args(const struct compile_command *c, struct argv *out, struct strlist *dropped)
{
    char *wd = xasprintf("-working-directory=%s", c->directory);
    argv_push(out, wd);
    free(wd);
    struct strlist raw = {0}, kept = {0};
    compile_command_args(c, &raw);
    compile_args_filter(raw.v, raw.n, c->directory, &kept, dropped);
    for (int i = 0; i < kept.n; i++)
        argv_push(out, kept.v[i]);
    strlist_free(&raw);
    strlist_free(&kept);
}

static int load_database(const struct options *o, struct project *p, struct strlist *dropped,
                         struct diag_list *problems)
{
    loc_t none = {0};
    char *db_path = xasprintf("%s/compile_commands.json", o->build_dir);
    struct stat st;
    if (stat(db_path, &st) != 0) {
        diag_add(problems, NULL, SEV_ERROR, none,
                 "no compilation database: '%s' does not exist (pass -p with the build folder that has compile_commands.json)",
                 db_path);
        free(db_path);
        return -1;
    }
    struct compile_db db;
    char *error;
    if (compile_db_read(db_path, &db, &error) != 0) {
        diag_add(problems, NULL, SEV_ERROR, none, "%s", error);
        free(error);
        free(db_path);
        return -1;
    }
    int rc = 0;
    if (o->nfiles == 0) {
        for (int i = 0; i < db.n; i++) {
            struct argv a = {0};
            entry_args(&db.cmds[i], &a, dropped);
            add_tu(p, db.cmds[i].file, a.v, a.n, db.cmds[i].directory);
        }
        if (db.n == 0) {
            diag_add(problems, NULL, SEV_ERROR, none, "the compilation database '%s' has no entries", db_path);
            rc = -1;
        }
    } else {
        for (int i = 0; i < o->nfiles; i++) {
            char real[PATH_MAX];
            const char *look = realpath(o->files[i], real) ? real : o->files[i];
            const struct compile_command *c = compile_db_find(&db, look);
            struct argv a = {0};
            if (c)
                entry_args(c, &a, dropped);
            add_tu(p, look, a.v, a.n, NULL);
        }
    }
    compile_db_free(&db);
    free(db_path);
    return rc;
}

char **compile_db_sources(const char *dir, int *n)
{
    *n = 0;
    char *file = xasprintf("%s/compile_commands.json", dir);
    struct compile_db db;
    char *error;
    int rc = compile_db_read(file, &db, &error);
    free(file);
    if (rc != 0) {
        free(error);
        return NULL;
    }
    char **out = xcalloc((size_t)db.n + 1, sizeof(char *));
    for (int i = 0; i < db.n; i++)
        out[(*n)++] = xstrdup(db.cmds[i].file);
    compile_db_free(&db);
    return out;
}

/* Reads a source file the user named (its text is kept for the cache key
 * and the parse), or says why it cannot be checked. */
static int read_source_file(struct tu_spec *t, struct diag_list *problems)
{
    loc_t none = {0};
    const char *f = t->file;
    const char *why;
    t->text = read_regular_file(f, INPUT_FILE_MAX, &t->len, &why);
    if (!t->text) {
        if (errno == EISDIR)
            diag_add(problems, NULL, SEV_ERROR, none, "'%s' is a directory, not a source file", f);
        else if (errno == EINVAL)
            diag_add(problems, NULL, SEV_ERROR, none, "'%s' is not a regular file (a device, a pipe...): not a source file", f);
        else if (errno == EFBIG)
            diag_add(problems, NULL, SEV_ERROR, none, "'%s' is larger than the %zu MiB a source file may be", f,
                     INPUT_FILE_MAX >> 20);
        else
            diag_add(problems, NULL, SEV_ERROR, none, "cannot %s '%s': %s", errno == EACCES ? "read" : "open", f,
                     strerror(errno));
        return -1;
    }
    if (t->len == 0) {
        diag_add(problems, NULL, SEV_ERROR, none, "'%s' is empty: nothing to check", f);
        return -1;
    }
    /* Binary junk: a NUL byte in the first 64 KiB. */
    if (memchr(t->text, 0, t->len < 65536 ? t->len : 65536)) {
        diag_add(problems, NULL, SEV_ERROR, none, "'%s' is not a C or C++ source file (it contains binary data)", f);
        return -1;
    }
    return 0;
}

/* One note for the whole run: the arguments left out of every command
 * (that parsing does not need, and that could run or write something). */
static void note_dropped_args(const struct strlist *dropped, struct diag_list *problems)
{
    if (dropped->n == 0)
        return;
    struct strbuf b = {0};
    enum { SHOWN = 12 };
    for (int i = 0; i < dropped->n && i < SHOWN; i++)
        sb_printf(&b, "%s'%s'", i ? ", " : "", dropped->v[i]);
    if (dropped->n > SHOWN)
        sb_printf(&b, " and %d more", dropped->n - SHOWN);
    loc_t none = {0};
    diag_add(problems, NULL, SEV_NOTE, none,
             "compiler argument%s ignored (only include paths, defines, language, target and warning options are used): %s",
             dropped->n == 1 ? "" : "s", b.s);
    free(b.s);
}

/* ---- project files and the configuration's compile: section ---- */

static bool same_file(const char *a, const char *b)
{
    char ra[PATH_MAX], rb[PATH_MAX];
    if (!strcmp(a, b))
        return true;
    return realpath(a, ra) && realpath(b, rb) && !strcmp(ra, rb);
}

/* The parts of the build description not translated, in one warning. */
static void report_gaps(const char *project, const struct import_result *ir, struct diag_list *problems)
{
    loc_t none = {0};
    struct strbuf b = {0};
    for (int i = 0; i < ir->ngaps; i++) {
        char *where = path_display(ir->gaps[i].file[0] ? ir->gaps[i].file : project);
        if (ir->gaps[i].line > 0)
            sb_printf(&b, "%s%s (%s:%d)", i ? "; " : "", ir->gaps[i].what, where, ir->gaps[i].line);
        else
            sb_printf(&b, "%s%s (%s)", i ? "; " : "", ir->gaps[i].what, where);
        free(where);
    }
    char *shown = path_display(project);
    diag_add(problems, NULL, SEV_WARNING, none,
             "%d part%s of '%s' not translated (the check goes on without %s): %s", ir->ngaps,
             ir->ngaps == 1 ? "" : "s", shown, ir->ngaps == 1 ? "it" : "them", b.s);
    free(shown);
    free(b.s);
}

/* The translation units of a project file. With FILEs: only those when
 * `narrow` (--project FILE...), else the whole project, which they belong
 * to (the configuration's project, with the files a pre-commit hook passes). */
static int load_project_file(const struct options *o, const char *path, const char *configuration, bool narrow,
                             struct project *p, struct strlist *dropped, struct diag_list *problems)
{
    loc_t none = {0};
    struct import_result ir;
    char *err = NULL;
    if (project_import(path, configuration, &ir, &err) != 0) {
        diag_add(problems, NULL, SEV_ERROR, none, "%s", err);
        free(err);
        return -1;
    }
    if (ir.note)
        diag_add(problems, NULL, SEV_NOTE, none, "%s", ir.note);
    if (ir.ngaps)
        report_gaps(path, &ir, problems);
    int rc = 0, in_project = 0;
    for (int i = 0; i < o->nfiles; i++) {
        bool found = false;
        for (int k = 0; k < ir.ntus && !found; k++)
            found = same_file(o->files[i], ir.tus[k].file);
        in_project += found;
        if (!found)
            diag_add(problems, NULL, narrow ? SEV_ERROR : SEV_NOTE, none, "'%s' is not compiled by the project '%s'%s%s%s%s",
                     o->files[i], path, ir.configuration ? " in configuration '" : "",
                     ir.configuration ? ir.configuration : "", ir.configuration ? "'" : "", narrow ? "" : ": not checked");
        if (!found && narrow)
            rc = -1;
    }
    if (!narrow && o->nfiles > 0 && in_project == 0) {
        diag_add(problems, NULL, SEV_ERROR, none, "none of the files named is compiled by the project '%s': nothing to check", path);
        rc = -1;
    }
    for (int k = 0; k < ir.ntus && rc == 0; k++) {
        struct import_tu *t = &ir.tus[k];
        bool named = o->nfiles == 0 || !narrow;
        for (int i = 0; i < o->nfiles && !named; i++)
            named = same_file(o->files[i], t->file);
        if (!named)
            continue;
        /* The arguments move to the project, filtered as a database's are
         * (a project's AdditionalOptions are untrusted input too). */
        struct strlist kept = {0};
        char *dir = absolute_dir_of(path);
        compile_args_filter(t->args, t->nargs, dir, &kept, dropped);
        free(dir);
        for (int a = 0; a < t->nargs; a++)
            free(t->args[a]);
        free(t->args);
        add_tu(p, t->file, kept.v, kept.n, NULL);
        p->tus[p->ntus - 1].is_cplusplus = t->is_cplusplus;
        t->args = NULL;
        t->nargs = 0;
    }
    import_result_free(&ir);
    return rc;
}

/* The files the configuration's sources: globs name, in order, once each. */
static int load_config_sources(const struct config_compile *cc, struct project *p, struct diag_list *problems)
{
    for (int i = 0; i < cc->sources.n; i++) {
        glob_t g;
        if (glob(cc->sources.v[i], 0, NULL, &g) != 0) {
            globfree(&g);
            continue;
        }
        for (size_t k = 0; k < g.gl_pathc; k++) {
            bool dup = false;
            for (int j = 0; j < p->ntus && !dup; j++)
                dup = !strcmp(p->tus[j].file, g.gl_pathv[k]);
            if (!dup && !is_dir(g.gl_pathv[k]))
                add_tu(p, g.gl_pathv[k], NULL, 0, NULL);
        }
        globfree(&g);
    }
    if (p->ntus == 0) {
        loc_t none = {0};
        diag_add(problems, NULL, SEV_ERROR, none, "the sources globs of the configuration's compile: section match no file");
        return -1;
    }
    return 0;
}

static bool matches_any(const struct config_list *globs, const char *file)
{
    char real[PATH_MAX];
    const char *abs = realpath(file, real) ? real : file;
    for (int i = 0; i < globs->n; i++)
        if (fnmatch(globs->v[i], abs, 0) == 0 || fnmatch(globs->v[i], file, 0) == 0)
            return true;
    return false;
}

/* Keeps the files the sources: globs name (when given) and not excluded. */
static void filter_config_sources(const struct config_compile *cc, struct project *p, bool narrow)
{
    int kept = 0;
    for (int i = 0; i < p->ntus; i++) {
        struct tu_spec *t = &p->tus[i];
        bool keep = !matches_any(&cc->exclude, t->file) && (!narrow || cc->sources.n == 0 || matches_any(&cc->sources, t->file));
        if (keep) {
            p->tus[kept++] = *t;
            continue;
        }
        for (int k = 0; k < t->nargs; k++)
            free(t->args[k]);
        free(t->args);
        free(t->file);
        free(t->directory);
    }
    p->ntus = kept;
}

static bool takes_separate_value(const char *a)
{
    static const char *const opts[] = {"-I", "-D", "-U", "-include", "-isystem", "-iquote", "-idirafter", "-x",
                                       "-imacros", "-working-directory"};
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        if (!strcmp(a, opts[i]))
            return true;
    return false;
}

/* The configuration's arguments after the TU's own: include, define,
 * force-include, add; then remove drops every argument a glob matches (an
 * option and its separate value together). */
static void apply_config_args(const struct config_compile *cc, struct tu_spec *t, struct strlist *dropped)
{
    struct argv a = {0};
    for (int i = 0; i < t->nargs; i++)
        argv_push(&a, t->args[i]);
    for (int i = 0; i < cc->include.n; i++) {
        argv_push(&a, "-I");
        argv_push(&a, cc->include.v[i]);
    }
    for (int i = 0; i < cc->define.n; i++) {
        char *d = xasprintf("-D%s", cc->define.v[i]);
        argv_push(&a, d);
        free(d);
    }
    for (int i = 0; i < cc->force_include.n; i++) {
        argv_push(&a, "-include");
        argv_push(&a, cc->force_include.v[i]);
    }
    /* What the configuration adds as it is, under the same filter. */
    struct strlist added = {0};
    compile_args_filter(cc->add.v, cc->add.n, NULL, &added, dropped);
    for (int i = 0; i < added.n; i++)
        argv_push(&a, added.v[i]);
    strlist_free(&added);
    struct argv kept = {0};
    for (int i = 0; i < a.n; i++) {
        bool pair = takes_separate_value(a.v[i]) && i + 1 < a.n;
        char *joined = pair ? xasprintf("%s%s", a.v[i], a.v[i + 1]) : NULL;
        bool drop = false;
        for (int k = 0; k < cc->remove.n && !drop; k++)
            drop = fnmatch(cc->remove.v[k], a.v[i], 0) == 0 || (joined && fnmatch(cc->remove.v[k], joined, 0) == 0);
        free(joined);
        if (!drop) {
            argv_push(&kept, a.v[i]);
            if (pair)
                argv_push(&kept, a.v[i + 1]);
        }
        if (pair)
            i++;
    }
    for (int i = 0; i < a.n; i++)
        free(a.v[i]);
    free(a.v);
    for (int i = 0; i < t->nargs; i++)
        free(t->args[i]);
    free(t->args);
    t->args = kept.v;
    t->nargs = kept.n;
}

/* project_sources, the arguments dropped from a database's commands added
 * to `dropped`. */
static int sources_into(const struct options *o, const struct config_compile *cc, struct project *p,
                        struct strlist *dropped, struct diag_list *problems)
{
    loc_t none = {0};
    const char *configuration = o->configuration ? o->configuration : cc ? cc->configuration : NULL;
    bool from_config_sources = false;
    if (o->project && o->build_dir) {
        diag_add(problems, NULL, SEV_ERROR, none, "--project and -p name two build descriptions: give one");
        return -1;
    }
    if (o->project) {
        if (load_project_file(o, o->project, configuration, true, p, dropped, problems) != 0)
            return -1;
    } else if (o->build_dir) {
        if (load_database(o, p, dropped, problems) != 0)
            return -1;
    } else if (cc && cc->project) {
        if (load_project_file(o, cc->project, configuration, false, p, dropped, problems) != 0)
            return -1;
    } else if (o->nfiles > 0) {
        for (int i = 0; i < o->nfiles; i++)
            add_tu(p, o->files[i], NULL, 0, NULL);
    } else if (cc && cc->sources.n > 0) {
        if (load_config_sources(cc, p, problems) != 0)
            return -1;
        from_config_sources = true;
    } else {
        diag_add(problems, NULL, SEV_ERROR, none,
                 "no input files (give source files, -p with a build folder, or --project with a .vcxproj, .sln or sources file)");
        return -1;
    }
    if (cc) {
        /* Files named on the command line are checked as named; the globs
         * narrow what a project or database lists. */
        if (o->nfiles == 0 || o->project || cc->project)
            filter_config_sources(cc, p, !from_config_sources);
        if (p->ntus == 0) {
            diag_add(problems, NULL, SEV_ERROR, none,
                     "the configuration's compile: sources/exclude globs leave no file to check");
            return -1;
        }
        for (int i = 0; i < p->ntus; i++)
            apply_config_args(cc, &p->tus[i], dropped);
    }
    return 0;
}

int project_sources(const struct options *o, const struct config_compile *cc, struct project *p,
                    struct diag_list *problems)
{
    struct strlist dropped = {0};
    int rc = sources_into(o, cc, p, &dropped, problems);
    if (rc == 0)
        note_dropped_args(&dropped, problems);
    strlist_free(&dropped);
    return rc;
}

int project_load(const struct options *o, const struct config_compile *cc, struct project *p, struct diag_list *problems)
{
    memset(p, 0, sizeof *p);
    p->rules_dir = project_find_rules_dir();
    struct strlist dropped = {0}, extra = {0};
    char cwd[PATH_MAX];
    compile_args_filter((char *const *)o->extra_args, o->nextra_args, getcwd(cwd, sizeof cwd) ? cwd : ".", &extra,
                        &dropped);
    p->extra_args = extra.v;
    p->nextra_args = extra.n;
    int rc = sources_into(o, cc, p, &dropped, problems);
    if (rc == 0)
        note_dropped_args(&dropped, problems);
    strlist_free(&dropped);
    if (rc != 0)
        return -1;
    int bad = 0;
    for (int i = 0; i < p->ntus; i++) {
        bool unsaved = false;
        for (int u = 0; u < o->nunsaved; u++)
            if (!strcmp(o->unsaved[u].path, p->tus[i].file))
                unsaved = true;
        if (!unsaved && read_source_file(&p->tus[i], problems) != 0)
            bad++;
    }
    if (bad)
        return -1;
    bool user_target = args_have_prefix(p->extra_args, p->nextra_args, "--target") ||
                       args_have_prefix(p->extra_args, p->nextra_args, "-target");
    struct default_files df;
    default_files_find(p, &df);
    if (!user_target)
        p->overlay = case_overlay_new(p, o, df.have_mingw ? DUMPCHECK_MINGW_INCLUDE_DIR : NULL);
    for (int i = 0; i < p->ntus; i++) {
        struct tu_spec *t = &p->tus[i];
        bool db_target = args_have_prefix(t->args, t->nargs, "--target") ||
                         args_have_prefix(t->args, t->nargs, "-target");
        add_default_args(p, t, o, !user_target && !db_target, &df);
    }
    default_files_free(&df);
    return 0;
}

void project_free(struct project *p)
{
    for (int i = 0; i < p->ntus; i++) {
        for (int j = 0; j < p->tus[i].nargs; j++)
            free(p->tus[i].args[j]);
        free(p->tus[i].args);
        free(p->tus[i].file);
        free(p->tus[i].directory);
        free(p->tus[i].text);
    }
    free(p->tus);
    case_overlay_free(p->overlay);
    free(p->rules_dir);
    for (int i = 0; i < p->nextra_args; i++)
        free(p->extra_args[i]);
    free(p->extra_args);
    memset(p, 0, sizeof *p);
}
