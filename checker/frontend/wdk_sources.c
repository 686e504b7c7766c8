/* The WDK's legacy build files: `sources` (TARGETNAME, TARGETTYPE,
 * SOURCES, INCLUDES, C_DEFINES, USER_C_FLAGS, TARGETLIBS) and `dirs`
 * (DIRS, OPTIONAL_DIRS), in nmake's syntax: NAME=VALUE with `\` line
 * continuations, `#` comments, $(NAME) macros, !include, and
 * !if/!ifdef/!ifndef/!else/!endif.
 *
 * The kit's macros ($(DDK_INC_PATH), $(BASEDIR)...) stand for the embedded
 * kernel headers. A library the driver links from a sibling folder
 * (TARGETLIBS ../Common/obj$(BUILD_ALT_DIR)/ * /Common.lib, built there by a
 * sources file whose TARGETNAME is Common) joins the driver, with that
 * folder's own arguments. */
#include "import.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/util.h"

#define KIT_MARK '\1'
#define UNDEF_MARK '\2'

/* Macros the kit's build environment defines (setenv.bat, makefile.def). */
static const char *const kit_macros[] = {
    "DDK_INC_PATH", "SDK_INC_PATH", "CRT_INC_PATH", "IFSKIT_INC_PATH", "WDM_INC_PATH", "BASEDIR",
    "PUBLIC_ROOT", "DDK_LIB_PATH", "SDK_LIB_PATH", "HALKIT_INC_PATH", "KMDF_INC_PATH", "WDF_INC_PATH",
    "NTMAKEENV", "PROJECT_ROOT", "SDK_PATH", "DDK_PATH", "CRT_LIB_PATH", "IFSKIT_LIB_PATH",
};

static bool is_kit_macro(const char *name)
{
    for (size_t i = 0; i < sizeof kit_macros / sizeof kit_macros[0]; i++)
        if (!strcasecmp(kit_macros[i], name))
            return true;
    return false;
}

struct macro {
    char *name;
    char *value;
    int line;
    char *file;
};

struct srcs {
    struct import_result *out;
    VEC(struct macro) macros;
    VEC(const char *) stack; /* the files being read, for !include cycles */
    char *err;
};

static struct macro *macro_find(struct srcs *s, const char *name)
{
    for (size_t i = 0; i < s->macros.n; i++)
        if (!strcasecmp(s->macros.v[i].name, name))
            return &s->macros.v[i];
    return NULL;
}

static void macro_set(struct srcs *s, const char *name, const char *value, const char *file, int line)
{
    struct macro *m = macro_find(s, name);
    if (!m) {
        struct macro e = {xstrdup(name), NULL, 0, NULL};
        VEC_PUSH(s->macros, e);
        m = &s->macros.v[s->macros.n - 1];
    }
    free(m->value);
    free(m->file);
    m->value = xstrdup(value);
    m->file = xstrdup(file);
    m->line = line;
}

static void srcs_free(struct srcs *s)
{
    for (size_t i = 0; i < s->macros.n; i++) {
        free(s->macros.v[i].name);
        free(s->macros.v[i].value);
        free(s->macros.v[i].file);
    }
    VEC_FREE(s->macros);
    VEC_FREE(s->stack);
    free(s->err);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash != path ? xstrndup(path, (size_t)(slash - path)) : xstrdup("/");
}

/* $(NAME) expanded; the kit's macros and undefined ones marked. `self`: the
 * macro being defined, whose earlier value an accumulation reads. */
static char *expand(struct srcs *s, const char *text, const char *self)
{
    struct strbuf b = {0};
    sb_puts(&b, "");
    for (const char *p = text; *p;) {
        if (p[0] == '$' && p[1] == '(') {
            const char *end = strchr(p + 2, ')');
            if (end) {
                char *name = xstrndup(p + 2, (size_t)(end - p - 2));
                struct macro *m = macro_find(s, name);
                if (m)
                    sb_puts(&b, m->value);
                else if (is_kit_macro(name))
                    sb_printf(&b, "%c%s%c", KIT_MARK, name, KIT_MARK);
                else if (!self || strcasecmp(self, name) != 0)
                    sb_printf(&b, "%c%s%c", UNDEF_MARK, name, UNDEF_MARK);
                free(name);
                p = end + 1;
                continue;
            }
        }
        sb_putc(&b, *p++);
    }
    return sb_take(&b);
}

static char *mark_name(const char *s, char mark)
{
    const char *p = strchr(s, mark);
    if (!p)
        return NULL;
    const char *end = strchr(p + 1, mark);
    return end ? xstrndup(p + 1, (size_t)(end - p - 1)) : xstrdup(p + 1);
}

static int read_sources_file(struct srcs *s, const char *path);

/* Evaluates `!if` forms: a number, or two strings compared with == / !=. */
static bool if_holds(struct srcs *s, const char *expr, const char *file, int line, bool *bad)
{
    char *e = expand(s, expr, NULL);
    char *t = trim(e);
    bool result = false;
    const char *op = strstr(t, "==") ? "==" : strstr(t, "!=") ? "!=" : NULL;
    if (strchr(t, KIT_MARK) || strchr(t, UNDEF_MARK) || strchr(t, '(')) {
        *bad = true;
    } else if (op) {
        char *at = strstr(t, op);
        *at = 0;
        char *a = trim(t), *b = trim(at + 2);
        size_t an = strlen(a), bn = strlen(b);
        if (an >= 2 && a[0] == '"' && a[an - 1] == '"')
            a[an - 1] = 0, a++;
        if (bn >= 2 && b[0] == '"' && b[bn - 1] == '"')
            b[bn - 1] = 0, b++;
        result = (strcmp(a, b) == 0) == (op[0] == '=');
    } else {
        char *end;
        long v = strtol(t, &end, 0);
        if (*t && !*end)
            result = v != 0;
        else
            *bad = true;
    }
    if (*bad)
        import_add_gap(s->out, file, line, "!if %s is not evaluated (taken as false)", trim((char *)expr));
    free(e);
    return result;
}

/* One directive line (after '!'); conditional state in `active`/`depth`. */
struct cond_stack {
    bool active[32];      /* is each enclosing branch taken */
    bool taken[32];       /* has a branch of each level been taken */
    int depth;
};

static bool cond_active(const struct cond_stack *c)
{
    for (int i = 0; i < c->depth; i++)
        if (!c->active[i])
            return false;
    return true;
}

static int directive(struct srcs *s, char *d, const char *file, int line, struct cond_stack *c)
{
    char *word = d;
    while (*d && *d != ' ' && *d != '\t')
        d++;
    char *rest = *d ? (*d = 0, trim(d + 1)) : d;
    bool was_active = cond_active(c);
    if (!strcasecmp(word, "ifdef") || !strcasecmp(word, "ifndef") || !strcasecmp(word, "if")) {
        if (c->depth == 32) {
            s->err = xasprintf("%s:%d: conditionals nested too deep", file, line);
            return -1;
        }
        bool holds, bad = false;
        if (!strcasecmp(word, "if"))
            holds = was_active ? if_holds(s, rest, file, line, &bad) : false;
        else
            holds = (macro_find(s, trim(rest)) != NULL) == !strcasecmp(word, "ifdef");
        c->active[c->depth] = holds;
        c->taken[c->depth] = holds;
        c->depth++;
    } else if (!strcasecmp(word, "else") || !strcasecmp(word, "elseif") || !strcasecmp(word, "elseifdef") ||
               !strcasecmp(word, "elseifndef")) {
        if (c->depth == 0) {
            s->err = xasprintf("%s:%d: malformed sources file: !%s without !if", file, line, word);
            return -1;
        }
        int i = c->depth - 1;
        bool holds = true, bad = false;
        if (!strcasecmp(word, "elseif"))
            holds = if_holds(s, rest, file, line, &bad);
        else if (strcasecmp(word, "else") != 0)
            holds = (macro_find(s, trim(rest)) != NULL) == !strcasecmp(word, "elseifdef");
        c->active[i] = !c->taken[i] && holds;
        c->taken[i] |= c->active[i];
    } else if (!strcasecmp(word, "endif")) {
        if (c->depth == 0) {
            s->err = xasprintf("%s:%d: malformed sources file: !endif without !if", file, line);
            return -1;
        }
        c->depth--;
    } else if (!was_active) {
        /* inside a branch not taken */
    } else if (!strcasecmp(word, "include")) {
        char *name = expand(s, rest, NULL);
        char *t = trim(name);
        size_t n = strlen(t);
        if ((t[0] == '"' || t[0] == '<') && n >= 2)
            t[n - 1] = 0, t++;
        if (t[0] == KIT_MARK) {
            /* the kit's makefile.def: modelled, not read */
        } else if (strchr(t, UNDEF_MARK)) {
            char *u = mark_name(t, UNDEF_MARK);
            import_add_gap(s->out, file, line, "!include: macro $(%s) has no value", u);
            free(u);
        } else {
            char *base = dir_of(file);
            char *inc = import_path(base, t);
            free(base);
            int rc = access(inc, F_OK) == 0 ? read_sources_file(s, inc) : 0;
            if (access(inc, F_OK) != 0)
                import_add_gap(s->out, file, line, "!include file '%s' does not exist", t);
            free(inc);
            if (rc) {
                free(name);
                return -1;
            }
        }
        free(name);
    } else if (!strcasecmp(word, "error")) {
        import_add_gap(s->out, file, line, "!error %s", rest);
    } else if (!strcasecmp(word, "message") || !strcasecmp(word, "undef")) {
        if (!strcasecmp(word, "undef")) {
            struct macro *m = macro_find(s, trim(rest));
            if (m) {
                free(m->value);
                m->value = xstrdup("");
            }
        }
    } else {
        import_add_gap(s->out, file, line, "!%s is not read", word);
    }
    return 0;
}

static int read_sources_file(struct srcs *s, const char *path)
{
    for (size_t i = 0; i < s->stack.n; i++)
        if (!strcmp(s->stack.v[i], path)) {
            struct strbuf chain = {0};
            for (size_t k = 0; k < s->stack.n; k++)
                sb_printf(&chain, "%s -> ", s->stack.v[k]);
            sb_puts(&chain, path);
            s->err = xasprintf("circular !include: %s", chain.s);
            free(chain.s);
            return -1;
        }
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        s->err = xasprintf("cannot read '%s': %s", path, strerror(errno));
        return -1;
    }
    if (memchr(text, 0, len)) {
        s->err = xasprintf("%s: malformed sources file: it contains binary data", path);
        free(text);
        return -1;
    }
    VEC_PUSH(s->stack, path);
    struct cond_stack c = {{0}, {0}, 0};
    int rc = 0, lineno = 0;
    char *p = text;
    while (p && *p && rc == 0) {
        /* A logical line: physical lines joined at a trailing backslash. */
        int first = lineno + 1;
        struct strbuf logical = {0};
        sb_puts(&logical, "");
        for (;;) {
            char *nl = strchr(p, '\n');
            if (nl)
                *nl = 0;
            lineno++;
            char *hash = strchr(p, '#');
            if (hash)
                *hash = 0;
            size_t n = strlen(p);
            while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
                p[--n] = 0;
            bool cont = n && p[n - 1] == '\\';
            if (cont)
                p[n - 1] = ' ';
            sb_puts(&logical, p);
            p = nl ? nl + 1 : NULL;
            if (!cont || !p)
                break;
            sb_putc(&logical, ' ');
        }
        char *line = trim(logical.s);
        if (!*line) {
            /* empty */
        } else if (line[0] == '!') {
            rc = directive(s, trim(line + 1), path, first, &c);
        } else if (!cond_active(&c)) {
            /* a branch not taken */
        } else {
            char *eq = strchr(line, '=');
            char *name = eq ? (*eq = 0, trim(line)) : NULL;
            bool ok = name && *name;
            for (const char *q = name; ok && *q; q++)
                ok = (*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '_';
            if (!ok) {
                s->err = xasprintf("%s:%d: malformed sources file: expected NAME=VALUE or a !directive, not '%.60s'",
                                   path, first, line);
                rc = -1;
            } else {
                char *v = expand(s, trim(eq + 1), name);
                macro_set(s, name, v, path, first);
                free(v);
            }
        }
        free(logical.s);
    }
    if (rc == 0 && c.depth != 0) {
        s->err = xasprintf("%s: malformed sources file: !if without !endif", path);
        rc = -1;
    }
    s->stack.n--;
    free(text);
    return rc;
}

/* Whitespace-separated words, quotes removed. */
static char **words(const char *text, int *n)
{
    char **v = NULL;
    *n = 0;
    const char *p = text;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *start = p;
        bool quoted = *p == '"';
        if (quoted) {
            start = ++p;
            while (*p && *p != '"')
                p++;
        } else {
            while (*p && *p != ' ' && *p != '\t')
                p++;
        }
        v = xrealloc(v, sizeof *v * (size_t)(*n + 1));
        v[(*n)++] = xstrndup(start, (size_t)(p - start));
        if (quoted && *p)
            p++;
    }
    return v;
}

static void free_words(char **v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void gap_for_marks(struct srcs *s, const char *text, const char *what)
{
    struct macro *m = macro_find(s, what);
    char *u = mark_name(text, UNDEF_MARK);
    char *k = mark_name(text, KIT_MARK);
    if (u)
        import_add_gap(s->out, m ? m->file : "", m ? m->line : 0, "%s: macro $(%s) has no value", what, u);
    else if (k)
        import_add_gap(s->out, m ? m->file : "", m ? m->line : 0, "%s: the kit's $(%s) has no embedded equivalent here",
                       what, k);
    free(u);
    free(k);
}

static void include_args(struct srcs *s, struct import_tu *t, const char *dir)
{
    struct macro *m = macro_find(s, "INCLUDES");
    if (!m)
        return;
    /* INCLUDES separates folders with ';' (and some trees with spaces). */
    char *list = xstrdup(m->value);
    for (char *c = list; *c; c++)
        if (*c == ';')
            *c = ' ';
    int n;
    char **dirs = words(list, &n);
    for (int i = 0; i < n; i++) {
        const char *d = dirs[i];
        if (d[0] == KIT_MARK)
            continue;
        if (d[0] == UNDEF_MARK) {
            const char *rest = strchr(d + 1, UNDEF_MARK);
            if (rest && import_is_kit_include(rest + 1))
                continue;
        }
        if (import_is_drive_path(d)) {
            if (!import_is_kit_include(d))
                import_add_gap(s->out, m->file, m->line, "INCLUDES: '%s' is a folder of the machine that built the driver", d);
            continue;
        }
        if (strchr(d, KIT_MARK) || strchr(d, UNDEF_MARK)) {
            gap_for_marks(s, d, "INCLUDES");
            continue;
        }
        char *abs = import_path(dir, d);
        import_tu_push(t, "-I");
        import_tu_push(t, abs);
        free(abs);
    }
    free_words(dirs, n);
    free(list);
}

/* C_DEFINES and USER_C_FLAGS: -D/-U/-I/-FI in either prefix form. */
static void flag_args(struct srcs *s, struct import_tu *t, const char *dir, const char *macro)
{
    struct macro *m = macro_find(s, macro);
    if (!m)
        return;
    int n;
    char **w = words(m->value, &n);
    for (int i = 0; i < n; i++) {
        const char *a = w[i];
        if (strchr(a, KIT_MARK) || strchr(a, UNDEF_MARK)) {
            gap_for_marks(s, a, macro);
            continue;
        }
        if (a[0] != '-' && a[0] != '/')
            continue;
        char kind = a[1];
        const char *val = a + 2;
        bool two = !strncasecmp(a + 1, "FI", 2);
        if (two)
            val = a + 3;
        if (!*val && i + 1 < n && (kind == 'D' || kind == 'U' || kind == 'I' || two))
            val = w[++i];
        if (kind == 'D' || kind == 'U') {
            char *d = xasprintf("-%c%s", kind, val);
            import_tu_push(t, d);
            free(d);
        } else if (two) {
            char *abs = import_path(dir, val);
            import_tu_push(t, "-include");
            import_tu_push(t, abs);
            free(abs);
        } else if (kind == 'I') {
            char *abs = import_path(dir, val);
            import_tu_push(t, "-I");
            import_tu_push(t, abs);
            free(abs);
        }
    }
    free_words(w, n);
}

static bool is_c_source(const char *f)
{
    const char *dot = strrchr(f, '.');
    return dot && (!strcasecmp(dot, ".c") || import_is_cxx_source(f));
}

/* The translation units of the sources file just read. */
static void emit(struct srcs *s, const char *file)
{
    char *dir = dir_of(file);
    static const char *const lists[] = {"SOURCES", "AMD64_SOURCES"};
    for (size_t l = 0; l < 2; l++) {
        struct macro *m = macro_find(s, lists[l]);
        if (!m)
            continue;
        int n;
        char **w = words(m->value, &n);
        for (int i = 0; i < n; i++) {
            if (!is_c_source(w[i]))
                continue; /* .rc, .asm, .mc: not compiled as C */
            if (strchr(w[i], KIT_MARK) || strchr(w[i], UNDEF_MARK)) {
                gap_for_marks(s, w[i], lists[l]);
                continue;
            }
            char *abs = import_path(dir, w[i]);
            struct import_tu *t = import_add_tu(s->out, abs);
            include_args(s, t, dir);
            flag_args(s, t, dir, "C_DEFINES");
            flag_args(s, t, dir, "USER_C_FLAGS");
            free(abs);
        }
        free_words(w, n);
    }
    free(dir);
}

static int import_one(const char *path, struct import_result *out, char **err, int depth, char ***libs, int *nlibs);

/* TARGETLIBS entries built by a sources file in a folder of the tree:
 * DIR/obj$(BUILD_ALT_DIR)/ * /NAME.lib, where DIR/sources has TARGETNAME
 * NAME. */
static void linked_libraries(struct srcs *s, const char *file, char ***libs, int *nlibs)
{
    struct macro *m = macro_find(s, "TARGETLIBS");
    if (!m)
        return;
    char *dir = dir_of(file);
    int n;
    char **w = words(m->value, &n);
    for (int i = 0; i < n; i++) {
        if (w[i][0] == KIT_MARK)
            continue;
        char *path = xstrdup(w[i]);
        for (char *c = path; *c; c++)
            if (*c == '\\')
                *c = '/';
        /* the folder before the obj* component */
        char *obj = strstr(path, "/obj");
        char *slash = strrchr(path, '/');
        if (!obj || !slash || strncasecmp(slash + 1 + strlen(slash + 1) - 4, ".lib", 4) != 0) {
            free(path);
            continue;
        }
        *obj = 0;
        char *libdir = import_path(dir, path);
        char *name = xstrndup(slash + 1, strlen(slash + 1) - 4);
        *libs = xrealloc(*libs, sizeof **libs * (size_t)(*nlibs + 2));
        (*libs)[(*nlibs)++] = libdir;
        (*libs)[(*nlibs)++] = name;
        free(path);
    }
    free_words(w, n);
    free(dir);
}

static char *find_sources_in(const char *dir)
{
    char *cand = xasprintf("%s/sources", dir);
    if (access(cand, F_OK) == 0)
        return cand;
    char *found = path_resolve_case(cand);
    free(cand);
    return found;
}

static char *find_dirs_in(const char *dir)
{
    char *cand = xasprintf("%s/dirs", dir);
    if (access(cand, F_OK) == 0)
        return cand;
    char *found = path_resolve_case(cand);
    free(cand);
    return found;
}

static int import_one(const char *path, struct import_result *out, char **err, int depth, char ***libs, int *nlibs)
{
    if (depth > 16) {
        *err = xasprintf("%s: dirs nested too deep", path);
        return -1;
    }
    struct srcs s;
    memset(&s, 0, sizeof s);
    s.out = out;
    import_add_project(out, path);
    int rc = read_sources_file(&s, path);
    if (rc != 0) {
        *err = s.err;
        s.err = NULL;
        srcs_free(&s);
        return -1;
    }
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (!strcasecmp(base, "dirs")) {
        char *dir = dir_of(path);
        static const char *const lists[] = {"DIRS", "OPTIONAL_DIRS"};
        for (size_t l = 0; l < 2 && rc == 0; l++) {
            struct macro *m = macro_find(&s, lists[l]);
            if (!m)
                continue;
            int n;
            char **w = words(m->value, &n);
            for (int i = 0; i < n && rc == 0; i++) {
                if (!strcmp(w[i], "{") || !strcmp(w[i], "}"))
                    continue;
                char *sub = import_path(dir, w[i]);
                char *srcfile = find_sources_in(sub);
                char *dirsfile = srcfile ? NULL : find_dirs_in(sub);
                if (srcfile || dirsfile)
                    rc = import_one(srcfile ? srcfile : dirsfile, out, err, depth + 1, libs, nlibs);
                else if (l == 0)
                    import_add_gap(out, path, m->line, "folder '%s' has no sources or dirs file", w[i]);
                free(srcfile);
                free(dirsfile);
                free(sub);
            }
            free_words(w, n);
        }
        free(dir);
    } else {
        if (!macro_find(&s, "TARGETNAME") && !macro_find(&s, "SOURCES")) {
            *err = xasprintf("%s: malformed sources file: it sets neither TARGETNAME nor SOURCES", path);
            rc = -1;
        } else {
            emit(&s, path);
            if (libs)
                linked_libraries(&s, path, libs, nlibs);
        }
    }
    srcs_free(&s);
    return rc;
}

/* TARGETNAME of a sources file (read alone), or NULL. */
static char *target_name(const char *path)
{
    struct import_result scratch = {0};
    struct srcs s;
    memset(&s, 0, sizeof s);
    s.out = &scratch;
    char *name = NULL;
    if (read_sources_file(&s, path) == 0) {
        struct macro *m = macro_find(&s, "TARGETNAME");
        if (m)
            name = xstrdup(m->value);
    }
    srcs_free(&s);
    import_result_free(&scratch);
    return name;
}

int wdk_sources_import(const char *path, struct import_result *out, char **err)
{
    char **libs = NULL;
    int nlibs = 0;
    int rc = import_one(path, out, err, 0, &libs, &nlibs);
    for (int i = 0; i + 1 < nlibs && rc == 0; i += 2) {
        char *src = find_sources_in(libs[i]);
        char *tn = src ? target_name(src) : NULL;
        bool already = false;
        for (int k = 0; src && k < out->nprojects && !already; k++)
            already = !strcmp(out->projects[k], src);
        if (tn && !already && !strcasecmp(tn, libs[i + 1]))
            rc = import_one(src, out, err, 0, NULL, NULL);
        free(tn);
        free(src);
    }
    for (int i = 0; i < nlibs; i++)
        free(libs[i]);
    free(libs);
    return rc;
}
