/* MSBuild projects (.vcxproj) and solutions (.sln), evaluated as MSBuild
 * does for one configuration and platform, as far as the compiler's
 * arguments go:
 *   - pass 1 reads the properties in document order, following the imports
 *     the repository itself holds (.props, .targets), with their conditions;
 *   - pass 2 the ClCompile item definitions, pass 3 the ClCompile items,
 *     with the properties' final values (as MSBuild evaluates items after
 *     properties).
 * The toolset's and the kit's own files are not read: their properties that
 * name the kit's folders ($(KM_IncludePath), $(DDK_INC_PATH)...) stand for
 * the embedded kernel headers. What cannot be evaluated (property functions,
 * registry reads, condition forms outside ==, !=, and, or, !, Exists) is
 * recorded as a gap, never guessed. */
#include "import.h"

#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"

/* Markers inside expanded text: a property that names a folder of the kit
 * (\1NAME\1), a property nothing defines (\2NAME\2), and what cannot be
 * evaluated (\3TEXT\3). MSBuild itself expands the last two to nothing. */
#define KIT_MARK '\1'
#define UNDEF_MARK '\2'
#define OPAQUE_MARK '\3'

struct kv {
    char *name;
    char *value;
    const char *file;     /* where it was last set (a file the evaluation keeps), or NULL */
    int line;
};
typedef VEC(struct kv) kv_vec;

static void kv_set_at(kv_vec *v, const char *name, const char *value, const char *file, int line)
{
    for (size_t i = 0; i < v->n; i++)
        if (!strcasecmp(v->v[i].name, name)) {
            free(v->v[i].value);
            v->v[i].value = xstrdup(value);
            v->v[i].file = file;
            v->v[i].line = line;
            return;
        }
    struct kv e = {xstrdup(name), xstrdup(value), file, line};
    VEC_PUSH(*v, e);
}

static void kv_set(kv_vec *v, const char *name, const char *value)
{
    kv_set_at(v, name, value, NULL, 0);
}

static const struct kv *kv_find(const kv_vec *v, const char *name)
{
    for (size_t i = 0; i < v->n; i++)
        if (!strcasecmp(v->v[i].name, name))
            return &v->v[i];
    return NULL;
}

static const char *kv_get(const kv_vec *v, const char *name)
{
    for (size_t i = 0; i < v->n; i++)
        if (!strcasecmp(v->v[i].name, name))
            return v->v[i].value;
    return NULL;
}

static void kv_free(kv_vec *v)
{
    for (size_t i = 0; i < v->n; i++) {
        free(v->v[i].name);
        free(v->v[i].value);
    }
    VEC_FREE(*v);
}

static void kv_copy(kv_vec *dst, const kv_vec *src)
{
    for (size_t i = 0; i < src->n; i++)
        kv_set_at(dst, src->v[i].name, src->v[i].value, src->v[i].file, src->v[i].line);
}

/* An item or item definition group, kept for the passes after the
 * properties', with the file it was written in. */
struct group_ref {
    xmlNodePtr node;
    const char *file;     /* owned by msb.files */
};

struct item {
    char *file;
    kv_vec meta;
};

struct msb {
    struct import_result *out;
    char *project;        /* absolute */
    char *project_dir;
    char *repo_root;      /* the nearest folder above with .git, or NULL */
    kv_vec props;
    VEC(xmlDocPtr) docs;
    VEC(char *) files;    /* every file read, in order */
    VEC(struct group_ref) groups;
    VEC(const char *) stack; /* the imports being read, outermost first */
    const char *this_file;
    kv_vec cl_defaults;   /* ClCompile's item definition */
    VEC(struct item) items;
    VEC(char *) references; /* ProjectReference paths */
    char *err;
};

/* ---- text helpers ---- */

static char *node_text(xmlNodePtr n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *s = xstrdup(c ? (const char *)c : "");
    xmlFree(c);
    return s;
}

static char *node_attr(xmlNodePtr n, const char *name)
{
    xmlChar *c = xmlGetProp(n, (const xmlChar *)name);
    if (!c)
        return NULL;
    char *s = xstrdup((const char *)c);
    xmlFree(c);
    return s;
}

static bool is_elem(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = 0;
    return s;
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Text without its markers: what MSBuild would have compared. */
static char *strip_marks(const char *s)
{
    struct strbuf b = {0};
    sb_puts(&b, "");
    for (const char *p = s; *p; p++) {
        if (*p == UNDEF_MARK || *p == OPAQUE_MARK) {
            const char *end = strchr(p + 1, *p);
            p = end ? end : p + strlen(p) - 1;
            continue;
        }
        if (*p == KIT_MARK) {
            /* The kit's folder has some path; keep the name so that a
             * comparison with '' is false, as it is in a real build. */
            const char *end = strchr(p + 1, KIT_MARK);
            size_t n = end ? (size_t)(end - p - 1) : strlen(p + 1);
            sb_printf(&b, "$(%.*s)", (int)n, p + 1);
            p = end ? end : p + strlen(p) - 1;
            continue;
        }
        sb_putc(&b, *p);
    }
    return sb_take(&b);
}

static bool has_mark(const char *s, char mark)
{
    return strchr(s, mark) != NULL;
}

/* The first name between `mark`s in s (malloc'd), or NULL. */
static char *mark_name(const char *s, char mark)
{
    const char *p = strchr(s, mark);
    if (!p)
        return NULL;
    const char *end = strchr(p + 1, mark);
    return end ? xstrndup(p + 1, (size_t)(end - p - 1)) : xstrdup(p + 1);
}

/* ---- properties ---- */

/* The toolset's and the kit's properties that name the kit's folders. */
static const char *const kit_properties[] = {
    "DDK_INC_PATH", "KM_IncludePath", "DDK_LIB_PATH", "SDK_INC_PATH", "SDK_LIB_PATH", "CRT_INC_PATH",
    "KIT_SHARED_INC_PATH", "KIT_SHARED_IncludePath", "IFS_INC_PATH", "WDKContentRoot", "WindowsSdkDir",
    "WindowsSDK_IncludePath", "UM_IncludePath", "KMDF_INC_PATH", "UMDF_INC_PATH", "WDF_INC_PATH",
    "VC_IncludePath", "VCInstallDir", "VCToolsInstallDir", "VCTargetsPath", "UserRootDir", "IncludePath",
    "UniversalCRT_IncludePath", "NETFXKitsDir", "WindowsTargetPlatformVersion", "LatestTargetPlatformVersion",
    "MSBuildExtensionsPath", "MSBuildExtensionsPath32", "MSBuildToolsPath", "MSBuildBinPath", "DevEnvDir",
    "WindowsSDKDir", "WDKBinRoot", "BASEDIR", "PUBLIC_ROOT", "DDK_INC", "VSInstallDir",
};

static bool is_kit_property(const char *name)
{
    for (size_t i = 0; i < sizeof kit_properties / sizeof kit_properties[0]; i++)
        if (!strcasecmp(kit_properties[i], name))
            return true;
    return false;
}

/* Properties about where the project is: a path built on one that has no
 * value here is the project's own, never the kit's. */
static bool is_location_property(const char *name)
{
    static const char *const names[] = {"SolutionDir", "SolutionPath", "SolutionName", "SolutionFileName",
                                        "SolutionExt", "ProjectDir", "OutDir", "IntDir", "OutputPath",
                                        "IntermediateOutputPath", "TargetDir", "TargetPath"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcasecmp(names[i], name))
            return true;
    return false;
}

static char *expand(struct msb *m, const char *s, const kv_vec *meta);

static const char *property_value(struct msb *m, const char *name, char **owned)
{
    *owned = NULL;
    if (!strcasecmp(name, "MSBuildThisFileDirectory") || !strcasecmp(name, "MSBuildThisFileDirectoryNoRoot")) {
        char *d = path_dir(m->this_file);
        *owned = xasprintf("%s/", d);
        free(d);
        return *owned;
    }
    if (!strcasecmp(name, "MSBuildThisFile"))
        return base_of(m->this_file);
    if (!strcasecmp(name, "MSBuildThisFileFullPath"))
        return m->this_file;
    if (!strcasecmp(name, "MSBuildThisFileName") || !strcasecmp(name, "MSBuildThisFileExtension")) {
        const char *b = base_of(m->this_file);
        const char *dot = strrchr(b, '.');
        *owned = !strcasecmp(name, "MSBuildThisFileName") ? xstrndup(b, dot ? (size_t)(dot - b) : strlen(b))
                                                          : xstrdup(dot ? dot : "");
        return *owned;
    }
    return kv_get(&m->props, name);
}

/* The end of a parenthesised expression starting at s (s[0] == '('), or NULL. */
static const char *matching_paren(const char *s)
{
    int depth = 0;
    char quote = 0;
    for (const char *p = s; *p; p++) {
        if (quote) {
            if (*p == quote)
                quote = 0;
            continue;
        }
        if (*p == '\'' || *p == '"' || *p == '`')
            quote = *p;
        else if (*p == '(')
            depth++;
        else if (*p == ')' && --depth == 0)
            return p;
    }
    return NULL;
}

static bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Expands $(Property), %(Metadata) (from `meta`, or nothing outside items)
 * and @(Items) (not evaluated: marked opaque). */
static char *expand(struct msb *m, const char *s, const kv_vec *meta)
{
    struct strbuf b = {0};
    sb_puts(&b, "");
    for (const char *p = s; *p;) {
        if ((p[0] == '$' || p[0] == '%' || p[0] == '@') && p[1] == '(') {
            const char *end = matching_paren(p + 1);
            if (!end) {
                sb_putc(&b, *p++);
                continue;
            }
            char *inner = xstrndup(p + 2, (size_t)(end - p - 2));
            char *name = trim(inner);
            bool plain = *name != 0;
            for (const char *c = name; *c; c++)
                plain &= is_name_char(*c);
            if (p[0] == '$' && plain) {
                char *owned;
                const char *v = property_value(m, name, &owned);
                if (v)
                    sb_puts(&b, v);
                else
                    sb_printf(&b, "%c%s%c", is_kit_property(name) ? KIT_MARK : UNDEF_MARK, name,
                              is_kit_property(name) ? KIT_MARK : UNDEF_MARK);
                free(owned);
            } else if (p[0] == '%' && plain) {
                const char *v = meta ? kv_get(meta, name) : NULL;
                sb_puts(&b, v ? v : "");
            } else {
                /* $(X.Method()), $([Class]::Call()), $(Registry:...), @(Items) */
                sb_printf(&b, "%c%.*s%c", OPAQUE_MARK, (int)(end - p + 1), p, OPAQUE_MARK);
            }
            free(inner);
            p = end + 1;
            continue;
        }
        sb_putc(&b, *p++);
    }
    return sb_take(&b);
}

/* Names, in the gap list, what of `text` was not evaluated. */
static void note_marks(struct msb *m, const char *text, const char *file, int line, const char *where)
{
    char *op = mark_name(text, OPAQUE_MARK);
    if (op)
        import_add_gap(m->out, file, line, "%s: '%s' is not evaluated", where, op);
    char *un = mark_name(text, UNDEF_MARK);
    if (un)
        import_add_gap(m->out, file, line, "%s: property $(%s) has no value", where, un);
    free(op);
    free(un);
}

/* ---- conditions ---- */

struct cond {
    struct msb *m;
    const char *s, *p;
    const kv_vec *meta;
    bool bad;
};

struct cval {
    char *text;           /* a string operand, or NULL for a boolean */
    bool b;
};

static void cskip(struct cond *c)
{
    while (*c->p == ' ' || *c->p == '\t' || *c->p == '\r' || *c->p == '\n')
        c->p++;
}

static bool ckeyword(struct cond *c, const char *kw)
{
    cskip(c);
    size_t n = strlen(kw);
    if (strncasecmp(c->p, kw, n) == 0 && !is_name_char(c->p[n])) {
        c->p += n;
        return true;
    }
    return false;
}

static bool as_bool(struct cond *c, struct cval v)
{
    if (!v.text)
        return v.b;
    if (!strcasecmp(v.text, "true") || !strcasecmp(v.text, "on") || !strcasecmp(v.text, "yes") ||
        !strcasecmp(v.text, "!false"))
        return true;
    if (!strcasecmp(v.text, "false") || !strcasecmp(v.text, "off") || !strcasecmp(v.text, "no") ||
        !strcasecmp(v.text, "!true"))
        return false;
    c->bad = true;
    return false;
}

static struct cval cor(struct cond *c);

/* A quoted string or a bare $(...)/word, expanded. */
static char *coperand_text(struct cond *c)
{
    cskip(c);
    if (*c->p == '\'') {
        const char *start = ++c->p;
        /* Quotes inside $(...) (property functions) do not end it. */
        while (*c->p && *c->p != '\'') {
            if ((*c->p == '$' || *c->p == '%' || *c->p == '@') && c->p[1] == '(') {
                const char *e = matching_paren(c->p + 1);
                if (e) {
                    c->p = e + 1;
                    continue;
                }
            }
            c->p++;
        }
        if (*c->p != '\'') {
            c->bad = true;
            return xstrdup("");
        }
        char *raw = xstrndup(start, (size_t)(c->p - start));
        c->p++;
        char *v = expand(c->m, raw, c->meta);
        free(raw);
        return v;
    }
    if ((*c->p == '$' || *c->p == '%' || *c->p == '@') && c->p[1] == '(') {
        const char *e = matching_paren(c->p + 1);
        if (!e) {
            c->bad = true;
            return xstrdup("");
        }
        char *raw = xstrndup(c->p, (size_t)(e - c->p + 1));
        c->p = e + 1;
        char *v = expand(c->m, raw, c->meta);
        free(raw);
        return v;
    }
    const char *start = c->p;
    while (is_name_char(*c->p) || *c->p == '.')
        c->p++;
    if (c->p == start) {
        c->bad = true;
        return xstrdup("");
    }
    return xstrndup(start, (size_t)(c->p - start));
}

static bool exists_in_repository(struct msb *m, const char *path)
{
    if (!*path || has_mark(path, KIT_MARK) || has_mark(path, OPAQUE_MARK) || has_mark(path, UNDEF_MARK))
        return false;
    char *base = path_dir(m->project);
    char *abs = import_path(base, path);
    free(base);
    bool inside = !m->repo_root || !strncmp(abs, m->repo_root, strlen(m->repo_root));
    bool found = inside && access(abs, F_OK) == 0;
    free(abs);
    return found;
}

static struct cval cprimary(struct cond *c)
{
    struct cval v = {NULL, false};
    cskip(c);
    if (*c->p == '(') {
        c->p++;
        v = cor(c);
        cskip(c);
        if (*c->p == ')')
            c->p++;
        else
            c->bad = true;
        return v;
    }
    if (*c->p == '!') {
        c->p++;
        struct cval inner = cprimary(c);
        v.b = !as_bool(c, inner);
        free(inner.text);
        return v;
    }
    /* Function calls: Exists('path'), HasTrailingSlash('path'). */
    const char *save = c->p;
    const char *w = c->p;
    while (is_name_char(*w))
        w++;
    const char *after = w;
    while (*after == ' ')
        after++;
    if (w > c->p && *after == '(') {
        char *fname = xstrndup(c->p, (size_t)(w - c->p));
        c->p = after + 1;
        char *arg = coperand_text(c);
        cskip(c);
        if (*c->p == ')')
            c->p++;
        else
            c->bad = true;
        if (!strcasecmp(fname, "Exists")) {
            char *plain = has_mark(arg, KIT_MARK) ? xstrdup("") : xstrdup(arg);
            v.b = exists_in_repository(c->m, trim(plain));
            free(plain);
        } else if (!strcasecmp(fname, "HasTrailingSlash")) {
            char *plain = strip_marks(arg);
            size_t n = strlen(plain);
            v.b = n > 0 && (plain[n - 1] == '/' || plain[n - 1] == '\\');
            free(plain);
        } else {
            c->bad = true;
        }
        if (has_mark(arg, OPAQUE_MARK))
            c->bad = true;
        free(fname);
        free(arg);
        return v;
    }
    c->p = save;
    char *text = coperand_text(c);
    if (has_mark(text, OPAQUE_MARK))
        c->bad = true;
    cskip(c);
    static const char *const ops[] = {"==", "!=", "<=", ">=", "<", ">"};
    int op = -1;
    for (int i = 0; i < 6 && op < 0; i++)
        if (!strncmp(c->p, ops[i], strlen(ops[i]))) {
            op = i;
            c->p += strlen(ops[i]);
        }
    if (op < 0) {
        v.text = text;
        return v;
    }
    char *rhs = coperand_text(c);
    if (has_mark(rhs, OPAQUE_MARK))
        c->bad = true;
    char *a = strip_marks(text), *b = strip_marks(rhs);
    if (op <= 1) {
        v.b = (strcasecmp(a, b) == 0) == (op == 0);
    } else {
        char *ea, *eb;
        double x = strtod(a, &ea), y = strtod(b, &eb);
        if (!*a || !*b || *ea || *eb)
            c->bad = true;
        v.b = op == 2 ? x <= y : op == 3 ? x >= y : op == 4 ? x < y : x > y;
    }
    free(a);
    free(b);
    free(text);
    free(rhs);
    return v;
}

static struct cval cand(struct cond *c)
{
    struct cval v = cprimary(c);
    while (!c->bad && ckeyword(c, "and")) {
        struct cval r = cprimary(c);
        bool lhs = as_bool(c, v), rhs = as_bool(c, r);
        free(v.text);
        free(r.text);
        v.text = NULL;
        v.b = lhs && rhs;
    }
    return v;
}

static struct cval cor(struct cond *c)
{
    struct cval v = cand(c);
    while (!c->bad && ckeyword(c, "or")) {
        struct cval r = cand(c);
        bool lhs = as_bool(c, v), rhs = as_bool(c, r);
        free(v.text);
        free(r.text);
        v.text = NULL;
        v.b = lhs || rhs;
    }
    return v;
}

/* The node's Condition attribute, evaluated (true when it has none). One
 * that cannot be evaluated counts as false and is named as a gap. */
static bool condition_holds(struct msb *m, xmlNodePtr n, const kv_vec *meta)
{
    char *text = node_attr(n, "Condition");
    if (!text)
        return true;
    struct cond c = {m, text, text, meta, false};
    struct cval v = cor(&c);
    bool result = as_bool(&c, v);
    free(v.text);
    cskip(&c);
    if (*c.p)
        c.bad = true;
    if (c.bad) {
        import_add_gap(m->out, m->this_file, (int)xmlGetLineNo(n), "condition \"%s\" is not evaluated (taken as false)",
                       trim(text));
        result = false;
    }
    free(text);
    return result;
}

/* ---- pass 1: properties and imports ---- */

static int walk_project(struct msb *m, xmlNodePtr root);

static bool on_stack(struct msb *m, const char *file)
{
    for (size_t i = 0; i < m->stack.n; i++)
        if (!strcmp(m->stack.v[i], file))
            return true;
    return false;
}

static bool already_read(struct msb *m, const char *file)
{
    for (size_t i = 0; i < m->files.n; i++)
        if (!strcmp(m->files.v[i], file))
            return true;
    return false;
}

/* The first error of a parse (libxml2 goes on after it and reports the
 * consequences last). */
struct first_error {
    bool set;
    int line;
    char *message;
};

static void keep_first_error(void *ud, const xmlError *e)
{
    struct first_error *f = ud;
    if (f->set || !e || e->level < XML_ERR_ERROR)
        return;
    f->set = true;
    f->line = e->line;
    f->message = xstrdup(e->message ? e->message : "not XML");
}

/* Parses an MSBuild file; NULL with m->err set when it is not one. */
static xmlDocPtr read_xml(struct msb *m, const char *path, const char *what)
{
    struct first_error first = {false, 0, NULL};
    xmlSetStructuredErrorFunc(&first, (xmlStructuredErrorFunc)keep_first_error);
    errno = 0;
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!doc || first.set) {
        if (first.set)
            m->err = xasprintf("%s:%d: malformed %s: %s", path, first.line, what, trim(first.message));
        else
            m->err = xasprintf("%s: malformed %s: %s", path, what, errno ? strerror(errno) : "not XML");
        free(first.message);
        if (doc)
            xmlFreeDoc(doc);
        return NULL;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root || strcmp((const char *)root->name, "Project") != 0) {
        m->err = xasprintf("%s:%d: malformed %s: the root element is <%s>, not MSBuild's <Project>", path,
                           root ? (int)xmlGetLineNo(root) : 1, what, root ? (const char *)root->name : "(none)");
        xmlFreeDoc(doc);
        return NULL;
    }
    VEC_PUSH(m->docs, doc);
    return doc;
}

static int do_import(struct msb *m, xmlNodePtr n)
{
    if (!condition_holds(m, n, NULL))
        return 0;
    char *raw = node_attr(n, "Project");
    int line = (int)xmlGetLineNo(n);
    if (!raw) {
        import_add_gap(m->out, m->this_file, line, "<Import> without a Project attribute");
        return 0;
    }
    char *path = expand(m, raw, NULL);
    char *spec = trim(path);
    int rc = 0;
    /* The toolset's and the kit's own files ($(VCTargetsPath)\...): their
     * properties are modelled, not read. */
    char *root = spec[0] == UNDEF_MARK ? mark_name(spec, UNDEF_MARK) : NULL;
    bool toolset = spec[0] == KIT_MARK || (root && !is_location_property(root));
    free(root);
    if (toolset) {
        /* not read */
    } else if (has_mark(spec, OPAQUE_MARK) || has_mark(spec, UNDEF_MARK)) {
        note_marks(m, spec, m->this_file, line, "import");
    } else if (strchr(spec, '*') || strchr(spec, '?')) {
        import_add_gap(m->out, m->this_file, line, "import of '%s': wildcard imports are not read", raw);
    } else {
        char *base = path_dir(m->this_file);
        char *file = import_path(base, spec);
        free(base);
        char real[PATH_MAX];
        if (realpath(file, real)) {
            free(file);
            file = xstrdup(real);
        }
        if (on_stack(m, file)) {
            struct strbuf chain = {0};
            for (size_t i = 0; i < m->stack.n; i++)
                sb_printf(&chain, "%s -> ", m->stack.v[i]);
            sb_puts(&chain, file);
            m->err = xasprintf("%s:%d: circular import: %s", m->this_file, line, chain.s);
            free(chain.s);
            rc = -1;
        } else if (m->repo_root && strncmp(file, m->repo_root, strlen(m->repo_root)) != 0) {
            import_add_gap(m->out, m->this_file, line, "import of '%s' lies outside the repository: not read", raw);
        } else if (access(file, F_OK) != 0) {
            import_add_gap(m->out, m->this_file, line, "imported file '%s' does not exist", raw);
        } else if (!already_read(m, file)) {
            char *kept = xstrdup(file);
            VEC_PUSH(m->files, kept);
            xmlDocPtr doc = read_xml(m, kept, "imported project file");
            if (!doc) {
                rc = -1;
            } else {
                const char *outer = m->this_file;
                VEC_PUSH(m->stack, kept);
                m->this_file = kept;
                rc = walk_project(m, xmlDocGetRootElement(doc));
                m->this_file = outer;
                m->stack.n--;
            }
        }
        free(file);
    }
    free(path);
    free(raw);
    return rc;
}

static void set_property(struct msb *m, xmlNodePtr prop)
{
    if (!condition_holds(m, prop, NULL))
        return;
    const char *name = (const char *)prop->name;
    /* Global properties (the configuration asked for) are not changed by
     * the project, as in MSBuild. */
    if (!strcasecmp(name, "Configuration") || !strcasecmp(name, "Platform"))
        return;
    char *raw = node_text(prop);
    char *v = expand(m, trim(raw), NULL);
    kv_set_at(&m->props, name, v, m->this_file, (int)xmlGetLineNo(prop));
    free(v);
    free(raw);
}

static int walk_children(struct msb *m, xmlNodePtr parent)
{
    for (xmlNodePtr n = parent->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        int rc = 0;
        if (is_elem(n, "PropertyGroup")) {
            if (condition_holds(m, n, NULL))
                for (xmlNodePtr p = n->children; p; p = p->next)
                    if (p->type == XML_ELEMENT_NODE)
                        set_property(m, p);
        } else if (is_elem(n, "ItemGroup") || is_elem(n, "ItemDefinitionGroup")) {
            struct group_ref g = {n, m->this_file};
            VEC_PUSH(m->groups, g);
        } else if (is_elem(n, "Import")) {
            rc = do_import(m, n);
        } else if (is_elem(n, "ImportGroup")) {
            if (condition_holds(m, n, NULL))
                for (xmlNodePtr i = n->children; i && rc == 0; i = i->next)
                    if (is_elem(i, "Import"))
                        rc = do_import(m, i);
        } else if (is_elem(n, "Choose")) {
            xmlNodePtr taken = NULL;
            for (xmlNodePtr w = n->children; w && !taken; w = w->next)
                if (is_elem(w, "When") && condition_holds(m, w, NULL))
                    taken = w;
            for (xmlNodePtr w = n->children; w && !taken; w = w->next)
                if (is_elem(w, "Otherwise"))
                    taken = w;
            if (taken)
                rc = walk_children(m, taken);
        }
        if (rc)
            return rc;
    }
    return 0;
}

static int walk_project(struct msb *m, xmlNodePtr root)
{
    char *sdk = node_attr(root, "Sdk");
    if (sdk)
        import_add_gap(m->out, m->this_file, (int)xmlGetLineNo(root), "the SDK '%s' is not read", sdk);
    free(sdk);
    return walk_children(m, root);
}

/* ---- passes 2 and 3: item definitions and items ---- */

static void apply_metadata(struct msb *m, xmlNodePtr item, kv_vec *meta)
{
    for (xmlNodePtr md = item->children; md; md = md->next) {
        if (md->type != XML_ELEMENT_NODE || !condition_holds(m, md, meta))
            continue;
        char *raw = node_text(md);
        char *v = expand(m, trim(raw), meta);
        kv_set_at(meta, (const char *)md->name, v, m->this_file, (int)xmlGetLineNo(md));
        free(v);
        free(raw);
    }
}

static void item_definitions(struct msb *m, xmlNodePtr group)
{
    if (!condition_holds(m, group, NULL))
        return;
    for (xmlNodePtr d = group->children; d; d = d->next)
        if (is_elem(d, "ClCompile") && condition_holds(m, d, NULL))
            apply_metadata(m, d, &m->cl_defaults);
}

static char **split_list(const char *s, int *n)
{
    char **v = NULL;
    *n = 0;
    const char *p = s;
    for (;;) {
        const char *end = strchr(p, ';');
        char *part = end ? xstrndup(p, (size_t)(end - p)) : xstrdup(p);
        char *t = trim(part);
        size_t len = strlen(t);
        if (len >= 2 && t[0] == '"' && t[len - 1] == '"') {
            t[len - 1] = 0;
            t++;
        }
        if (*t) {
            v = xrealloc(v, sizeof *v * (size_t)(*n + 1));
            v[(*n)++] = xstrdup(t);
        }
        free(part);
        if (!end)
            break;
        p = end + 1;
    }
    return v;
}

static void free_list(char **v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void add_item(struct msb *m, const char *file, xmlNodePtr node)
{
    struct item it = {xstrdup(file), {0}};
    kv_copy(&it.meta, &m->cl_defaults);
    apply_metadata(m, node, &it.meta);
    VEC_PUSH(m->items, it);
}

static void item_includes(struct msb *m, xmlNodePtr node, const char *spec, int line)
{
    int n;
    char **parts = split_list(spec, &n);
    for (int i = 0; i < n; i++) {
        if (has_mark(parts[i], OPAQUE_MARK) || has_mark(parts[i], UNDEF_MARK) || has_mark(parts[i], KIT_MARK)) {
            note_marks(m, parts[i], m->this_file, line, "ClCompile item");
            continue;
        }
        char *abs = import_path(m->project_dir, parts[i]);
        if (strstr(abs, "**")) {
            import_add_gap(m->out, m->this_file, line, "ClCompile item '%s': recursive wildcards are not read", parts[i]);
        } else if (strchr(abs, '*') || strchr(abs, '?')) {
            glob_t g;
            if (glob(abs, 0, NULL, &g) == 0)
                for (size_t k = 0; k < g.gl_pathc; k++)
                    add_item(m, g.gl_pathv[k], node);
            globfree(&g);
        } else {
            add_item(m, abs, node);
        }
        free(abs);
    }
    free_list(parts, n);
}

static void item_removes(struct msb *m, const char *spec)
{
    int n;
    char **parts = split_list(spec, &n);
    for (int i = 0; i < n; i++) {
        char *abs = import_path(m->project_dir, parts[i]);
        for (size_t k = 0; k < m->items.n;) {
            if (!strcmp(m->items.v[k].file, abs)) {
                free(m->items.v[k].file);
                kv_free(&m->items.v[k].meta);
                memmove(&m->items.v[k], &m->items.v[k + 1], (m->items.n - k - 1) * sizeof *m->items.v);
                m->items.n--;
            } else {
                k++;
            }
        }
        free(abs);
    }
    free_list(parts, n);
}

static void items(struct msb *m, xmlNodePtr group)
{
    if (!condition_holds(m, group, NULL))
        return;
    for (xmlNodePtr it = group->children; it; it = it->next) {
        if (it->type != XML_ELEMENT_NODE)
            continue;
        bool cl = is_elem(it, "ClCompile"), ref = is_elem(it, "ProjectReference");
        if ((!cl && !ref) || !condition_holds(m, it, NULL))
            continue;
        int line = (int)xmlGetLineNo(it);
        char *inc = node_attr(it, "Include"), *rem = node_attr(it, "Remove"), *upd = node_attr(it, "Update");
        if (ref && inc) {
            char *v = expand(m, inc, NULL);
            int n;
            char **parts = split_list(v, &n);
            for (int i = 0; i < n; i++)
                if (!has_mark(parts[i], OPAQUE_MARK) && !has_mark(parts[i], UNDEF_MARK) && !has_mark(parts[i], KIT_MARK)) {
                    char *abs = import_path(m->project_dir, parts[i]);
                    VEC_PUSH(m->references, abs);
                }
            free_list(parts, n);
            free(v);
        } else if (cl && inc) {
            char *v = expand(m, inc, NULL);
            char *ex = node_attr(it, "Exclude");
            item_includes(m, it, v, line);
            if (ex) {
                char *exv = expand(m, ex, NULL);
                item_removes(m, exv);
                free(exv);
            }
            free(ex);
            free(v);
        } else if (cl && rem) {
            char *v = expand(m, rem, NULL);
            item_removes(m, v);
            free(v);
        } else if (cl && upd) {
            import_add_gap(m->out, m->this_file, line, "ClCompile Update=\"%s\" is not applied", upd);
        }
        free(inc);
        free(rem);
        free(upd);
    }
}

/* ---- from metadata to arguments ---- */

static bool meta_true(const kv_vec *meta, const char *name)
{
    const char *v = kv_get(meta, name);
    return v && !strcasecmp(v, "true");
}

static void push_include_dirs(struct msb *m, struct import_tu *t, const struct kv *setting)
{
    const char *list = setting->value, *what = setting->name;
    const char *file = setting->file ? setting->file : m->project;
    int line = setting->line;
    int n;
    char **dirs = split_list(list, &n);
    for (int i = 0; i < n; i++) {
        const char *d = dirs[i];
        if (d[0] == KIT_MARK)
            continue; /* the kit's folder: the embedded headers stand for it */
        if (d[0] == UNDEF_MARK) {
            char *name = mark_name(d, UNDEF_MARK);
            const char *rest = strchr(d + 1, UNDEF_MARK);
            /* $(DDK)\inc\ddk: a root the project expects from the
             * environment, the kit's */
            bool kit = name && !is_location_property(name) && rest && import_is_kit_include(rest + 1);
            free(name);
            if (kit)
                continue;
        }
        if (import_is_drive_path(d)) {
            /* C:\WinDDK\7600\inc\ddk: the kit where the driver was built */
            if (!import_is_kit_include(d))
                import_add_gap(m->out, file, line, "%s: '%s' is a folder of the machine that built the driver", what, d);
            continue;
        }
        if (has_mark(d, OPAQUE_MARK) || has_mark(d, UNDEF_MARK) || has_mark(d, KIT_MARK)) {
            note_marks(m, d, file, line, what);
            char *kit = mark_name(d, KIT_MARK);
            if (kit)
                import_add_gap(m->out, file, line, "%s: a folder under the kit's $(%s) has no embedded equivalent", what,
                               kit);
            free(kit);
            continue;
        }
        char *abs = import_path(m->project_dir, d);
        import_tu_push(t, "-I");
        import_tu_push(t, abs);
        free(abs);
    }
    free_list(dirs, n);
}

static void push_defines(struct msb *m, struct import_tu *t, const struct kv *setting, const char *flag)
{
    const char *list = setting->value, *what = setting->name;
    const char *file = setting->file ? setting->file : m->project;
    int line = setting->line;
    int n;
    char **defs = split_list(list, &n);
    for (int i = 0; i < n; i++) {
        if (has_mark(defs[i], OPAQUE_MARK) || has_mark(defs[i], UNDEF_MARK) || has_mark(defs[i], KIT_MARK)) {
            note_marks(m, defs[i], file, line, what);
            char *kit = mark_name(defs[i], KIT_MARK);
            if (kit)
                import_add_gap(m->out, file, line, "%s: the kit's $(%s) has no value here", what, kit);
            free(kit);
            continue;
        }
        /* cl's /DNAME#VALUE is NAME=VALUE */
        char *d = xasprintf("%s%s", flag, defs[i]);
        char *hash = strchr(d, '#');
        if (hash && !strchr(d, '='))
            *hash = '=';
        import_tu_push(t, d);
        free(d);
    }
    free_list(defs, n);
}

static void push_forced_includes(struct msb *m, struct import_tu *t, const struct kv *setting)
{
    const char *list = setting->value;
    int n;
    char **files = split_list(list, &n);
    for (int i = 0; i < n; i++) {
        if (has_mark(files[i], OPAQUE_MARK) || has_mark(files[i], UNDEF_MARK) || has_mark(files[i], KIT_MARK)) {
            note_marks(m, files[i], setting->file ? setting->file : m->project, setting->line, "ForcedIncludeFiles");
            continue;
        }
        /* Relative to the project when it is there; else found on the
         * include path, as cl does. */
        char *abs = import_path(m->project_dir, files[i]);
        char *arg = access(abs, F_OK) == 0 ? xstrdup(abs) : xstrdup(files[i]);
        for (char *c = arg; *c; c++)
            if (*c == '\\')
                *c = '/';
        import_tu_push(t, "-include");
        import_tu_push(t, arg);
        free(arg);
        free(abs);
    }
    free_list(files, n);
}

static void language_args(struct import_tu *t, const kv_vec *meta)
{
    const char *as = kv_get(meta, "CompileAs");
    if (as && !strcasecmp(as, "CompileAsC")) {
        t->is_cplusplus = false;
        import_tu_push(t, "-x");
        import_tu_push(t, "c");
    } else if (as && !strcasecmp(as, "CompileAsCpp")) {
        t->is_cplusplus = true;
        import_tu_push(t, "-x");
        import_tu_push(t, "c++");
    }
    static const char *const cxx[][2] = {{"stdcpp14", "-std=c++14"}, {"stdcpp17", "-std=c++17"},
                                         {"stdcpp20", "-std=c++20"}, {"stdcpplatest", "-std=c++2b"}};
    static const char *const c[][2] = {{"stdc11", "-std=c11"}, {"stdc17", "-std=c17"}};
    const char *ls = t->is_cplusplus ? kv_get(meta, "LanguageStandard") : kv_get(meta, "LanguageStandard_C");
    for (size_t i = 0; ls && t->is_cplusplus && i < sizeof cxx / sizeof cxx[0]; i++)
        if (!strcasecmp(ls, cxx[i][0]))
            import_tu_push(t, cxx[i][1]);
    for (size_t i = 0; ls && !t->is_cplusplus && i < sizeof c / sizeof c[0]; i++)
        if (!strcasecmp(ls, c[i][0]))
            import_tu_push(t, c[i][1]);
}

static void platform_args(struct msb *m, struct import_tu *t)
{
    const char *platform = kv_get(&m->props, "Platform");
    if (platform && (!strcasecmp(platform, "Win32") || !strcasecmp(platform, "x86")))
        import_tu_push(t, "-m32");
    const char *charset = kv_get(&m->props, "CharacterSet");
    if (charset && !strcasecmp(charset, "Unicode")) {
        import_tu_push(t, "-DUNICODE");
        import_tu_push(t, "-D_UNICODE");
    } else if (charset && !strcasecmp(charset, "MultiByte")) {
        import_tu_push(t, "-D_MBCS");
    }
}

static bool is_source_item(const char *file)
{
    const char *dot = strrchr(base_of(file), '.');
    return dot && (!strcasecmp(dot, ".c") || import_is_cxx_source(file));
}

static void emit_tus(struct msb *m)
{
    const struct kv *incpath = kv_find(&m->props, "IncludePath");
    for (size_t i = 0; i < m->items.n; i++) {
        struct item *it = &m->items.v[i];
        if (meta_true(&it->meta, "ExcludedFromBuild"))
            continue;
        const char *as = kv_get(&it->meta, "CompileAs");
        bool forced_lang = as && (!strcasecmp(as, "CompileAsC") || !strcasecmp(as, "CompileAsCpp"));
        if (!forced_lang && !is_source_item(it->file))
            continue;
        /* The same file listed twice compiles once. */
        bool dup = false;
        for (int k = 0; k < m->out->ntus && !dup; k++)
            dup = !strcmp(m->out->tus[k].file, it->file);
        if (dup)
            continue;
        struct import_tu *t = import_add_tu(m->out, it->file);
        language_args(t, &it->meta);
        platform_args(m, t);
        const struct kv *v;
        if ((v = kv_find(&it->meta, "AdditionalIncludeDirectories")))
            push_include_dirs(m, t, v);
        if (incpath)
            push_include_dirs(m, t, incpath);
        if ((v = kv_find(&it->meta, "PreprocessorDefinitions")))
            push_defines(m, t, v, "-D");
        if ((v = kv_find(&it->meta, "UndefinePreprocessorDefinitions")))
            push_defines(m, t, v, "-U");
        if ((v = kv_find(&it->meta, "ForcedIncludeFiles")))
            push_forced_includes(m, t, v);
        if (meta_true(&it->meta, "UndefineAllPreprocessorDefinitions"))
            import_add_gap(m->out, m->project, 0, "UndefineAllPreprocessorDefinitions (/u) is not applied");
    }
}

/* ---- the project ---- */

static char *find_repo_root(const char *dir)
{
    char *d = xstrdup(dir);
    for (;;) {
        char *git = xasprintf("%s/.git", d);
        bool found = access(git, F_OK) == 0;
        free(git);
        if (found)
            return d;
        if (!strcmp(d, "/") || !strchr(d, '/')) {
            free(d);
            return NULL;
        }
        char *up = path_dir(d);
        free(d);
        d = up;
    }
}

static void msb_free(struct msb *m)
{
    kv_free(&m->props);
    kv_free(&m->cl_defaults);
    for (size_t i = 0; i < m->docs.n; i++)
        xmlFreeDoc(m->docs.v[i]);
    VEC_FREE(m->docs);
    for (size_t i = 0; i < m->files.n; i++)
        free(m->files.v[i]);
    VEC_FREE(m->files);
    VEC_FREE(m->groups);
    VEC_FREE(m->stack);
    for (size_t i = 0; i < m->items.n; i++) {
        free(m->items.v[i].file);
        kv_free(&m->items.v[i].meta);
    }
    VEC_FREE(m->items);
    for (size_t i = 0; i < m->references.n; i++)
        free(m->references.v[i]);
    VEC_FREE(m->references);
    free(m->project);
    free(m->project_dir);
    free(m->repo_root);
    free(m->err);
}

/* The configurations the project declares (ProjectConfiguration items), as
 * "Configuration|Platform". */
static char **declared_configurations(xmlNodePtr root, int *n)
{
    char **v = NULL;
    *n = 0;
    for (xmlNodePtr g = root->children; g; g = g->next) {
        if (!is_elem(g, "ItemGroup"))
            continue;
        for (xmlNodePtr c = g->children; c; c = c->next) {
            char *inc = is_elem(c, "ProjectConfiguration") ? node_attr(c, "Include") : NULL;
            if (!inc)
                continue;
            v = xrealloc(v, sizeof *v * (size_t)(*n + 1));
            v[(*n)++] = xstrdup(trim(inc));
            free(inc);
        }
    }
    return v;
}

static bool contains_nocase(const char *s, const char *word)
{
    size_t n = strlen(word);
    for (; *s; s++)
        if (!strncasecmp(s, word, n))
            return true;
    return false;
}

/* Picks the configuration: the one asked for, else (none asked for) the
 * default, else the project's first Release one for x64, else its first. */
static char *choose_configuration(char **declared, int n, const char *asked, const char *file, const char *kind,
                                  struct import_result *out, char **err)
{
    const char *want = asked ? asked : IMPORT_DEFAULT_CONFIGURATION;
    for (int i = 0; i < n; i++)
        if (!strcasecmp(declared[i], want))
            return xstrdup(declared[i]);
    if (n == 0)
        return xstrdup(want);
    if (asked) {
        struct strbuf list = {0};
        for (int i = 0; i < n; i++)
            sb_printf(&list, "%s'%s'", i ? ", " : "", declared[i]);
        *err = xasprintf("%s: unknown configuration '%s': the %s has %s (choose one with --configuration)", file,
                         asked, kind, list.s);
        free(list.s);
        return NULL;
    }
    /* The nearest: a Release one for x64 (the platform, or a configuration
     * named for it, as NMake wrappers name theirs), then any for x64, then a
     * Release one, then the first. */
    int pick = 0, best = -1;
    for (int i = 0; i < n; i++) {
        const char *bar = strchr(declared[i], '|');
        bool x64 = (bar && !strcasecmp(bar + 1, "x64")) || contains_nocase(declared[i], "x64") ||
                   contains_nocase(declared[i], "amd64");
        int score = (x64 ? 2 : 0) + (contains_nocase(declared[i], "release") ? 1 : 0);
        if (score > best) {
            best = score;
            pick = i;
        }
    }
    free(out->note);
    out->note = xasprintf("the %s '%s' has no configuration '%s': checking '%s' (choose another with --configuration)",
                          kind, file, IMPORT_DEFAULT_CONFIGURATION, declared[pick]);
    return xstrdup(declared[pick]);
}

struct sln_project {
    char *name;
    char *path;           /* absolute */
    char *guid;
    int line;
};

struct sln {
    char *file;
    VEC(struct sln_project) projects;
    VEC(char *) configurations;      /* "Release|x64" */
    kv_vec active;                   /* "{GUID}.Release|x64" -> "Release|x64" */
    kv_vec build;                    /* "{GUID}.Release|x64" -> "" when it builds */
};

static void sln_free(struct sln *s)
{
    for (size_t i = 0; i < s->projects.n; i++) {
        free(s->projects.v[i].name);
        free(s->projects.v[i].path);
        free(s->projects.v[i].guid);
    }
    VEC_FREE(s->projects);
    for (size_t i = 0; i < s->configurations.n; i++)
        free(s->configurations.v[i]);
    VEC_FREE(s->configurations);
    kv_free(&s->active);
    kv_free(&s->build);
    free(s->file);
}

/* The quoted strings of a `Project("{TYPE}") = "Name", "path", "{GUID}"`
 * line, or -1 when it has not four. */
static int sln_quoted(const char *line, char *out[4])
{
    int n = 0;
    const char *p = line;
    while (n < 4) {
        const char *q = strchr(p, '"');
        if (!q)
            break;
        const char *e = strchr(q + 1, '"');
        if (!e)
            break;
        out[n++] = xstrndup(q + 1, (size_t)(e - q - 1));
        p = e + 1;
    }
    if (n == 4)
        return 0;
    for (int i = 0; i < n; i++)
        free(out[i]);
    return -1;
}

static int sln_read(const char *path, struct sln *s, char **err)
{
    memset(s, 0, sizeof *s);
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        *err = xasprintf("cannot read the solution '%s': %s", path, strerror(errno));
        return -1;
    }
    s->file = xstrdup(path);
    char *dir = path_dir(path);
    enum { NONE, SOLUTION_CONFIGS, PROJECT_CONFIGS } section = NONE;
    bool header = false;
    int lineno = 0, rc = 0;
    char *p = text;
    if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        p += 3;
    while (p && *p && rc == 0) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        lineno++;
        char *line = trim(p);
        if (!header) {
            if (*line && strncmp(line, "Microsoft Visual Studio Solution File", 37) != 0) {
                *err = xasprintf("%s:%d: malformed solution: expected 'Microsoft Visual Studio Solution File, Format "
                                 "Version ...', not '%.60s'",
                                 path, lineno, line);
                rc = -1;
            }
            header = *line != 0;
        } else if (!strncmp(line, "Project(", 8)) {
            char *q[4];
            if (sln_quoted(line, q) != 0) {
                *err = xasprintf("%s:%d: malformed solution: expected Project(\"{TYPE}\") = \"Name\", \"path\", \"{GUID}\"",
                                 path, lineno);
                rc = -1;
            } else {
                struct sln_project sp = {q[1], import_path(dir, q[2]), q[3], lineno};
                free(q[0]);
                free(q[2]);
                VEC_PUSH(s->projects, sp);
            }
        } else if (!strncmp(line, "GlobalSection(SolutionConfigurationPlatforms)", 45)) {
            section = SOLUTION_CONFIGS;
        } else if (!strncmp(line, "GlobalSection(ProjectConfigurationPlatforms)", 44)) {
            section = PROJECT_CONFIGS;
        } else if (!strncmp(line, "EndGlobalSection", 16)) {
            section = NONE;
        } else if (section != NONE && *line) {
            char *eq = strchr(line, '=');
            if (!eq) {
                *err = xasprintf("%s:%d: malformed solution: expected 'NAME = VALUE' in the GlobalSection", path, lineno);
                rc = -1;
            } else {
                *eq = 0;
                char *key = trim(line), *value = trim(eq + 1);
                if (section == SOLUTION_CONFIGS) {
                    char *c = xstrdup(key);
                    VEC_PUSH(s->configurations, c);
                } else {
                    size_t kn = strlen(key);
                    if (kn > 10 && !strcmp(key + kn - 10, ".ActiveCfg")) {
                        key[kn - 10] = 0;
                        kv_set(&s->active, key, value);
                    } else if (kn > 8 && !strcmp(key + kn - 8, ".Build.0")) {
                        key[kn - 8] = 0;
                        kv_set(&s->build, key, "");
                    }
                }
            }
        }
        p = nl ? nl + 1 : NULL;
    }
    if (rc == 0 && !header) {
        *err = xasprintf("%s: malformed solution: the file is empty", path);
        rc = -1;
    }
    free(text);
    free(dir);
    if (rc != 0)
        sln_free(s);
    return rc;
}

/* The folder of the nearest solution above `project` that lists it (with
 * '/' at the end, as MSBuild's $(SolutionDir)), and its path; NULL if none. */
static char *find_solution_dir(const char *project, char **sln_path)
{
    *sln_path = NULL;
    char *dir = path_dir(project);
    for (;;) {
        DIR *d = opendir(dir);
        struct dirent *de;
        char *found = NULL;
        while (d && !found && (de = readdir(d)) != NULL) {
            size_t n = strlen(de->d_name);
            if (n < 4 || strcasecmp(de->d_name + n - 4, ".sln") != 0)
                continue;
            char *path = xasprintf("%s/%s", dir, de->d_name);
            struct sln s;
            char *err = NULL;
            if (sln_read(path, &s, &err) == 0) {
                for (size_t i = 0; i < s.projects.n && !found; i++) {
                    char real[PATH_MAX];
                    const char *p = realpath(s.projects.v[i].path, real) ? real : s.projects.v[i].path;
                    if (!strcmp(p, project))
                        found = xstrdup(path);
                }
                sln_free(&s);
            }
            free(err);
            free(path);
        }
        if (d)
            closedir(d);
        if (found) {
            *sln_path = found;
            char *r = xasprintf("%s/", dir);
            free(dir);
            return r;
        }
        if (!strcmp(dir, "/")) {
            free(dir);
            return NULL;
        }
        char *up = path_dir(dir);
        free(dir);
        dir = up;
    }
}

static void initial_properties(struct msb *m, const char *configuration, const char *solution)
{
    const char *bar = strchr(configuration, '|');
    char *cfg = bar ? xstrndup(configuration, (size_t)(bar - configuration)) : xstrdup(configuration);
    const char *platform = bar ? bar + 1 : "x64";
    kv_set(&m->props, "Configuration", cfg);
    kv_set(&m->props, "ConfigurationName", cfg);
    kv_set(&m->props, "Platform", platform);
    kv_set(&m->props, "PlatformName", platform);
    bool x86 = !strcasecmp(platform, "Win32") || !strcasecmp(platform, "x86");
    kv_set(&m->props, "PlatformTarget", x86 ? "x86" : platform);
    kv_set(&m->props, "PlatformShortName", x86 ? "x86" : platform);
    kv_set(&m->props, "PlatformArchitecture", x86 ? "32" : "64");
    char *pd = xasprintf("%s/", m->project_dir);
    kv_set(&m->props, "ProjectDir", pd);
    kv_set(&m->props, "MSBuildProjectDirectory", m->project_dir);
    kv_set(&m->props, "MSBuildProjectDirectoryNoRoot", m->project_dir + 1);
    kv_set(&m->props, "ProjectPath", m->project);
    kv_set(&m->props, "MSBuildProjectFullPath", m->project);
    const char *file = base_of(m->project);
    kv_set(&m->props, "ProjectFileName", file);
    kv_set(&m->props, "MSBuildProjectFile", file);
    const char *dot = strrchr(file, '.');
    char *name = xstrndup(file, dot ? (size_t)(dot - file) : strlen(file));
    kv_set(&m->props, "ProjectName", name);
    kv_set(&m->props, "MSBuildProjectName", name);
    kv_set(&m->props, "TargetName", name);
    kv_set(&m->props, "ProjectExt", dot ? dot : "");
    kv_set(&m->props, "MSBuildProjectExtension", dot ? dot : "");
    if (solution) {
        char *sd = path_dir(solution);
        char *sds = xasprintf("%s/", sd);
        kv_set(&m->props, "SolutionDir", sds);
        kv_set(&m->props, "SolutionPath", solution);
        const char *sf = base_of(solution);
        kv_set(&m->props, "SolutionFileName", sf);
        const char *sdot = strrchr(sf, '.');
        char *sn = xstrndup(sf, sdot ? (size_t)(sdot - sf) : strlen(sf));
        kv_set(&m->props, "SolutionName", sn);
        kv_set(&m->props, "SolutionExt", ".sln");
        free(sn);
        free(sds);
        free(sd);
    }
    /* MSBuild's defaults for the output folders. */
    const char *outbase = solution ? kv_get(&m->props, "SolutionDir") : pd;
    char *outdir = x86 ? xasprintf("%s%s/", outbase, cfg) : xasprintf("%s%s/%s/", outbase, platform, cfg);
    kv_set(&m->props, "OutDir", outdir);
    char *intdir = x86 ? xasprintf("%s/", cfg) : xasprintf("%s/%s/", platform, cfg);
    kv_set(&m->props, "IntDir", intdir);
    free(outdir);
    free(intdir);
    free(name);
    free(pd);
    free(cfg);
}

struct evaluated {
    char *configuration_type;
    char *toolset;
};

/* Evaluates one project for one configuration into out (its translation
 * units), collecting its references. `asked` NULL: the default. */
static int evaluate_project(const char *path, const char *asked, const char *solution, struct import_result *out,
                            struct evaluated *ev, char ***refs, int *nrefs, char **chosen, char **err)
{
    struct msb m;
    memset(&m, 0, sizeof m);
    m.out = out;
    char real[PATH_MAX];
    m.project = xstrdup(realpath(path, real) ? real : path);
    m.project_dir = path_dir(m.project);
    m.repo_root = find_repo_root(m.project_dir);
    char *kept = xstrdup(m.project);
    VEC_PUSH(m.files, kept);
    m.this_file = kept;
    VEC_PUSH(m.stack, kept);
    import_add_project(out, m.project);
    int rc = -1;
    xmlDocPtr doc = read_xml(&m, kept, "project");
    if (!doc)
        goto done;
    int ndecl;
    char **decl = declared_configurations(xmlDocGetRootElement(doc), &ndecl);
    char *cfg = choose_configuration(decl, ndecl, asked, path, "project", out, &m.err);
    free_list(decl, ndecl);
    if (!cfg)
        goto done;
    char *sln_owned = NULL;
    if (!solution)
        free(find_solution_dir(m.project, &sln_owned));
    initial_properties(&m, cfg, solution ? solution : sln_owned);
    free(sln_owned);
    /* The toolset's include path: the kit's folders. */
    kv_set(&m.props, "IncludePath", "\1IncludePath\1");
    if (walk_project(&m, xmlDocGetRootElement(doc)) != 0)
        goto done_cfg;
    for (size_t i = 0; i < m.groups.n; i++) {
        m.this_file = m.groups.v[i].file;
        if (is_elem(m.groups.v[i].node, "ItemDefinitionGroup"))
            item_definitions(&m, m.groups.v[i].node);
    }
    for (size_t i = 0; i < m.groups.n; i++) {
        m.this_file = m.groups.v[i].file;
        if (is_elem(m.groups.v[i].node, "ItemGroup"))
            items(&m, m.groups.v[i].node);
    }
    m.this_file = kept;
    emit_tus(&m);
    const char *ct = kv_get(&m.props, "ConfigurationType"), *ts = kv_get(&m.props, "PlatformToolset");
    ev->configuration_type = ct ? strip_marks(ct) : NULL;
    ev->toolset = ts ? strip_marks(ts) : NULL;
    *refs = NULL;
    *nrefs = 0;
    for (size_t i = 0; i < m.references.n; i++) {
        *refs = xrealloc(*refs, sizeof **refs * (size_t)(*nrefs + 1));
        (*refs)[(*nrefs)++] = xstrdup(m.references.v[i]);
    }
    rc = 0;
done_cfg:
    *chosen = cfg;
done:
    if (rc != 0) {
        *err = m.err;
        m.err = NULL;
    }
    msb_free(&m);
    return rc;
}

static bool is_static_library(const struct evaluated *ev)
{
    return ev->configuration_type && !strcasecmp(ev->configuration_type, "StaticLibrary");
}

/* The project and the static libraries it references (which the driver
 * links), each evaluated for the same configuration. */
static int import_with_references(const char *path, const char *asked, const char *solution, struct import_result *out,
                                  char **err)
{
    struct evaluated ev = {0};
    char **refs = NULL;
    int nrefs = 0;
    char *cfg = NULL;
    int rc = evaluate_project(path, asked, solution, out, &ev, &refs, &nrefs, &cfg, err);
    if (rc == 0) {
        free(out->configuration);
        out->configuration = xstrdup(cfg);
    }
    free(ev.configuration_type);
    free(ev.toolset);
    for (int i = 0; i < nrefs && rc == 0; i++) {
        bool seen = false;
        for (int k = 0; k < out->nprojects && !seen; k++) {
            char real[PATH_MAX];
            seen = !strcmp(out->projects[k], realpath(refs[i], real) ? real : refs[i]);
        }
        if (seen || access(refs[i], F_OK) != 0)
            continue;
        /* Evaluate into a scratch result: only a static library joins. */
        struct import_result lib = {0};
        struct evaluated lev = {0};
        char **lrefs = NULL;
        int nlrefs = 0;
        char *lcfg = NULL, *lerr = NULL;
        if (evaluate_project(refs[i], cfg, solution, &lib, &lev, &lrefs, &nlrefs, &lcfg, &lerr) == 0 &&
            is_static_library(&lev)) {
            for (int k = 0; k < lib.ntus; k++) {
                out->tus = xrealloc(out->tus, sizeof *out->tus * (size_t)(out->ntus + 1));
                out->tus[out->ntus++] = lib.tus[k];
            }
            lib.ntus = 0;
            for (int k = 0; k < lib.ngaps; k++)
                import_add_gap(out, lib.gaps[k].file, lib.gaps[k].line, "%s", lib.gaps[k].what);
            import_add_project(out, lib.projects[0]);
        } else if (lerr) {
            import_add_gap(out, path, 0, "referenced project '%s' not read (%s)", refs[i], lerr);
        }
        free(lerr);
        free(lcfg);
        free_list(lrefs, nlrefs);
        free(lev.configuration_type);
        free(lev.toolset);
        import_result_free(&lib);
    }
    free(cfg);
    free_list(refs, nrefs);
    return rc;
}

int msbuild_import_project(const char *path, const char *configuration, struct import_result *out, char **err)
{
    return import_with_references(path, configuration, NULL, out, err);
}

/* A solution: the driver project it builds in the configuration (the one
 * whose ConfigurationType is Driver), with the static libraries that one
 * references; a solution with several drivers, or none, names its projects
 * and asks for one. */
int msbuild_import_solution(const char *path, const char *configuration, struct import_result *out, char **err)
{
    struct sln s;
    if (sln_read(path, &s, err) != 0)
        return -1;
    import_add_project(out, path);
    int rc = 0;
    char *cfg = NULL;
    {
        int n = (int)s.configurations.n;
        cfg = choose_configuration(s.configurations.v, n, configuration, path, "solution", out, err);
        if (!cfg) {
            sln_free(&s);
            return -1;
        }
    }
    out->configuration = xstrdup(cfg);
    /* The projects built in that configuration, with their own configuration. */
    VEC(struct sln_project *) built = {0};
    VEC(char *) built_cfg = {0};
    for (size_t i = 0; i < s.projects.n; i++) {
        struct sln_project *sp = &s.projects.v[i];
        size_t pn = strlen(sp->path);
        if (pn < 8 || strcasecmp(sp->path + pn - 8, ".vcxproj") != 0)
            continue;
        char *key = xasprintf("%s.%s", sp->guid, cfg);
        const char *active = kv_get(&s.active, key);
        bool builds = s.active.n == 0 || kv_get(&s.build, key) != NULL;
        free(key);
        if (!builds)
            continue;
        if (access(sp->path, F_OK) != 0) {
            import_add_gap(out, path, sp->line, "project '%s' does not exist", sp->path);
            continue;
        }
        VEC_PUSH(built, sp);
        char *c = xstrdup(active ? active : cfg);
        VEC_PUSH(built_cfg, c);
    }
    /* Which are drivers. */
    VEC(size_t) drivers = {0};
    for (size_t i = 0; i < built.n && rc == 0; i++) {
        struct import_result scratch = {0};
        struct evaluated ev = {0};
        char **refs = NULL, *chosen = NULL, *perr = NULL;
        int nrefs = 0;
        if (evaluate_project(built.v[i]->path, built_cfg.v[i], path, &scratch, &ev, &refs, &nrefs, &chosen, &perr) != 0) {
            *err = perr;
            perr = NULL;
            rc = -1;
        } else if (ev.configuration_type && !strcasecmp(ev.configuration_type, "Driver")) {
            VEC_PUSH(drivers, i);
        }
        free(perr);
        free(chosen);
        free_list(refs, nrefs);
        free(ev.configuration_type);
        free(ev.toolset);
        import_result_free(&scratch);
    }
    if (rc == 0 && drivers.n > 1) {
        struct strbuf list = {0};
        for (size_t i = 0; i < drivers.n; i++)
            sb_printf(&list, "%s%s", i ? ", " : "", built.v[drivers.v[i]]->path);
        *err = xasprintf("%s: the solution builds %zu drivers in '%s' (%s): check one at a time with --project=FILE.vcxproj",
                         path, drivers.n, cfg, list.s);
        free(list.s);
        rc = -1;
    }
    if (rc == 0 && drivers.n == 0) {
        struct strbuf list = {0};
        for (size_t i = 0; i < built.n; i++)
            sb_printf(&list, "%s%s", i ? ", " : "", built.v[i]->path);
        *err = xasprintf("%s: no project the solution builds in '%s' is a driver (ConfigurationType Driver)%s%s%s: give "
                         "the driver's project with --project=FILE.vcxproj or its sources file",
                         path, cfg, built.n ? " (it builds " : "", built.n ? list.s : "", built.n ? ")" : "");
        free(list.s);
        rc = -1;
    }
    for (size_t i = 0; i < built.n && rc == 0; i++) {
        if (drivers.v[0] != i)
            continue;
        rc = import_with_references(built.v[i]->path, built_cfg.v[i], path, out, err);
        free(out->configuration);
        out->configuration = xstrdup(cfg);
    }
    VEC_FREE(drivers);
    for (size_t i = 0; i < built_cfg.n; i++)
        free(built_cfg.v[i]);
    VEC_FREE(built_cfg);
    VEC_FREE(built);
    free(cfg);
    sln_free(&s);
    return rc;
}
