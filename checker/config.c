/* .dumpcheck.yaml: reading and finding the per-project configuration.
 *
 *   checks: "*,-dump-pool-tag-mismatch"     # or a list of globs
 *   fail-on: warning                        # note | warning | error
 *   severities: { dump-unload-status-unverified: warning }
 *   resources:                              # the families schema
 *     families: [...]
 *   compile:                                # how the driver compiles
 *     project: driver/driver.vcxproj        # or a .sln, or a WDK sources file
 *     configuration: Release|x64
 *     sources: [src/a.c, "src/b*.c"]        # globs; exclude: the same
 *     add: [-DDBG=1]                        # remove: globs of arguments
 *     include: [inc]                        # define: [NAME=VALUE]; force-include: [x.h]
 *   external: [OtherDriverRoutine]          # called, defined outside the sources
 *
 * The `resources` section is validated in depth by rulepack_add_yaml, which
 * is handed the whole file text so that its messages carry the file's own
 * line and column numbers. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "checks/checks.h"

#define CONFIG_NAME ".dumpcheck.yaml"

static bool is_regular_file_at(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The absolute folder of the configuration file. */
static char *config_dir_of(const char *path)
{
    char *abs;
    if (path[0] == '/') {
        abs = xstrdup(path);
    } else {
        char *cwd = getcwd(NULL, 0);
        abs = cwd ? xasprintf("%s/%s", cwd, path) : xstrdup(path);
        free(cwd);
    }
    char *slash = strrchr(abs, '/');
    if (slash)
        slash[slash == abs ? 1 : 0] = 0;
    char *real = realpath(abs, NULL);
    if (real) {
        free(abs);
        return real;
    }
    return abs;
}

struct creader {
    yaml_document_t doc;
    bool loaded;
    const char *path;
    char *err;
};

static int cerror_at(struct creader *r, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int cerror_at(struct creader *r, const yaml_node_t *n, const char *fmt, ...)
{
    if (r->err)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    r->err = xasprintf("%s:%zu:%zu: %s", r->path, n->start_mark.line + 1,
                       n->start_mark.column + 1, msg);
    free(msg);
    return -1;
}

static void cparse_error(struct creader *r, const yaml_parser_t *p, const char *text, size_t len)
{
    const char *problem = p->error == YAML_MEMORY_ERROR ? "out of memory"
                          : p->problem ? p->problem : "malformed YAML";
    size_t line = p->problem_mark.line + 1, col = p->problem_mark.column + 1;
    if (p->error == YAML_READER_ERROR) {
        line = col = 1;
        for (size_t i = 0; i < p->problem_offset && i < len; i++) {
            col = text[i] == '\n' ? 1 : col + 1;
            line += text[i] == '\n';
        }
    }
    if (p->context)
        r->err = xasprintf("%s:%zu:%zu: %s %s (line %zu)", r->path, line, col, problem,
                           p->context, p->context_mark.line + 1);
    else
        r->err = xasprintf("%s:%zu:%zu: %s", r->path, line, col, problem);
}

/* Load the file's one document (an empty file loads as no root node). */
static int cload(struct creader *r, const char *text, size_t len)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        r->err = xasprintf("%s: cannot initialise the YAML parser", r->path);
        return -1;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    int rc = 0;
    if (!yaml_parser_load(&p, &r->doc)) {
        cparse_error(r, &p, text, len);
        rc = -1;
    } else {
        r->loaded = true;
        yaml_document_t next;
        if (!yaml_document_get_root_node(&r->doc)) {
            /* nothing more to read */
        } else if (!yaml_parser_load(&p, &next)) {
            cparse_error(r, &p, text, len);
            rc = -1;
        } else {
            yaml_node_t *root = yaml_document_get_root_node(&next);
            if (root)
                rc = cerror_at(r, root, "only one YAML document is allowed");
            yaml_document_delete(&next);
        }
    }
    yaml_parser_delete(&p);
    return rc;
}

static yaml_node_t *cnode(struct creader *r, int index)
{
    return yaml_document_get_node(&r->doc, index);
}

static const char *cstr(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

static bool cis_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *s = cstr(n);
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

static const char *ckind(const yaml_node_t *n)
{
    if (n->type == YAML_MAPPING_NODE)
        return "a mapping";
    if (n->type == YAML_SEQUENCE_NODE)
        return "a list";
    return cis_null(n) ? "empty" : "a scalar";
}

static int cget_string(struct creader *r, yaml_node_t *n, const char *what, const char **out)
{
    if (n->type != YAML_SCALAR_NODE || cis_null(n)) {
        cerror_at(r, n, "'%s' must be a string, not %s", what, ckind(n));
        return -1;
    }
    *out = cstr(n);
    return 0;
}

static int cget_severity(struct creader *r, yaml_node_t *n, const char *what, enum severity *out)
{
    const char *s;
    if (cget_string(r, n, what, &s))
        return -1;
    if (!severity_parse(s, out)) {
        cerror_at(r, n, "'%s' must be note, warning or error, not '%s'", what, s);
        return -1;
    }
    return 0;
}

/* checks: a string of comma-separated globs, or a list of globs. Each glob
 * must match a rule, and the whole must enable one, as on the command line. */
static int load_checks(struct creader *r, yaml_node_t *n, struct config *c)
{
    const char *s, *bad;
    if (n->type != YAML_SEQUENCE_NODE) {
        if (cget_string(r, n, "checks", &s))
            return -1;
        if (!checks_glob_valid(s, &bad))
            return cerror_at(r, n, "checks: '%s' matches no rule (see dumpcheck --list-checks)", bad);
        c->checks = xstrdup(s);
    } else {
        struct strbuf b = {0};
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
            if (cget_string(r, cnode(r, *it), "checks", &s) ||
                (!checks_glob_valid(s, &bad) &&
                 cerror_at(r, cnode(r, *it), "checks: '%s' matches no rule (see dumpcheck --list-checks)", bad))) {
                free(sb_take(&b));
                return -1;
            }
            sb_printf(&b, "%s%s", b.n ? "," : "", s);
        }
        c->checks = b.n ? sb_take(&b) : xstrdup("");
    }
    if (checks_enabled_count(c->checks) == 0)
        return cerror_at(r, n, "checks: '%s' enables no rule: nothing would be checked (see dumpcheck --list-checks)",
                         c->checks);
    return 0;
}

/* external: [Name, ...]: functions defined outside the driver's sources
 * (another driver's, a library's), which the check may call without their
 * bodies. */
static int load_external(struct creader *r, yaml_node_t *n, struct config *c)
{
    if (cis_null(n))
        return 0;
    if (n->type != YAML_SEQUENCE_NODE)
        return cerror_at(r, n, "'external' must be a list of function names, not %s", ckind(n));
    yaml_node_item_t *start = n->data.sequence.items.start, *top = n->data.sequence.items.top;
    c->external = xcalloc((size_t)(top - start) + 1, sizeof *c->external);
    for (yaml_node_item_t *it = start; it < top; it++) {
        const char *s;
        yaml_node_t *item = cnode(r, *it);
        if (cget_string(r, item, "an external function's name", &s))
            return -1;
        for (const char *p = s; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' ||
                  *p == ':' || *p == '~'))
                return cerror_at(r, item, "external: '%s' is not a function name", s);
        c->external[c->nexternal++] = xstrdup(s);
    }
    return 0;
}

static int load_severities(struct creader *r, yaml_node_t *n, struct config *c)
{
    if (cis_null(n))
        return 0;
    if (n->type != YAML_MAPPING_NODE)
        return cerror_at(r, n, "'severities' must be a mapping of rule ids to severities, not %s",
                         ckind(n));
    yaml_node_pair_t *start = n->data.mapping.pairs.start, *top = n->data.mapping.pairs.top;
    c->severities = xcalloc((size_t)(top - start), sizeof *c->severities);
    for (yaml_node_pair_t *p = start; p < top; p++) {
        yaml_node_t *k = cnode(r, p->key);
        const char *rule;
        enum severity sev;
        if (cget_string(r, k, "a rule id", &rule))
            return -1;
        if (!rule_doc_markdown(rule))
            return cerror_at(r, k, "unknown rule '%s' in severities", rule);
        for (int i = 0; i < c->nseverities; i++)
            if (strcmp(c->severities[i].rule, rule) == 0)
                return cerror_at(r, k, "duplicate rule '%s' in severities", rule);
        if (cget_severity(r, cnode(r, p->value), rule, &sev))
            return -1;
        c->severities[c->nseverities].rule = xstrdup(rule);
        c->severities[c->nseverities].sev = sev;
        c->nseverities++;
    }
    return 0;
}

/* The whole text goes to rulepack_add_yaml, which reads only `resources`. */
static int load_resources(struct creader *r, yaml_node_t *key, yaml_node_t *n, struct config *c,
                          const char *text, size_t len)
{
    if (cis_null(n))
        return 0;
    if (n->type != YAML_MAPPING_NODE)
        return cerror_at(r, n, "'resources' must be a mapping (families, noreturn, not-acquiring, "
                         "roles), not %s", ckind(n));
    /* Check it now against the built-in families, so that a mistake in it
     * is reported when the file is read. */
    struct rulepack rp;
    char *rp_err = NULL;
    if (rulepack_load_builtin(&rp, &rp_err) != 0 ||
        rulepack_add_yaml(&rp, text, len, r->path, &rp_err) != 0) {
        rulepack_free(&rp);
        r->err = rp_err;
        return -1;
    }
    rulepack_free(&rp);
    c->resources_yaml = xstrndup(text, len);
    c->resources_len = len;
    c->resources_line = (int)key->start_mark.line + 1;
    return 0;
}

/* A string or a list of strings. */
static int cget_list(struct creader *r, yaml_node_t *n, const char *what, struct config_list *out)
{
    if (cis_null(n))
        return 0;
    if (n->type == YAML_SCALAR_NODE) {
        out->v = xcalloc(1, sizeof *out->v);
        out->v[out->n++] = xstrdup(cstr(n));
        return 0;
    }
    if (n->type != YAML_SEQUENCE_NODE)
        return cerror_at(r, n, "'%s' must be a string or a list of strings, not %s", what, ckind(n));
    out->v = xcalloc((size_t)(n->data.sequence.items.top - n->data.sequence.items.start) + 1, sizeof *out->v);
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
        const char *s;
        if (cget_string(r, cnode(r, *it), what, &s))
            return -1;
        out->v[out->n++] = xstrdup(s);
    }
    return 0;
}

/* `p` relative to the configuration's folder. */
static char *config_relative(const struct config *c, const char *p)
{
    return p[0] == '/' || !c->dir ? xstrdup(p) : xasprintf("%s/%s", c->dir, p);
}

static void make_relative(const struct config *c, struct config_list *l)
{
    for (int i = 0; i < l->n; i++) {
        char *abs = config_relative(c, l->v[i]);
        free(l->v[i]);
        l->v[i] = abs;
    }
}

static int load_compile(struct creader *r, yaml_node_t *n, struct config *c)
{
    static const char *const keys[] = {"project", "configuration", "sources", "exclude", "add",
                                       "remove", "include", "define", "force-include"};
    enum { NKEYS = sizeof keys / sizeof keys[0] };
    struct config_compile *cc = &c->compile;
    c->has_compile = true;
    if (cis_null(n))
        return 0;
    if (n->type != YAML_MAPPING_NODE)
        return cerror_at(r, n, "'compile' must be a mapping (project, configuration, sources, exclude, add, remove, "
                         "include, define, force-include), not %s", ckind(n));
    struct config_list *lists[NKEYS] = {NULL, NULL, &cc->sources, &cc->exclude, &cc->add,
                                        &cc->remove, &cc->include, &cc->define, &cc->force_include};
    bool seen[NKEYS] = {false};
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = cnode(r, p->key), *v = cnode(r, p->value);
        if (k->type != YAML_SCALAR_NODE)
            return cerror_at(r, k, "a key must be a name, not %s", ckind(k));
        int i = 0;
        while (i < (int)NKEYS && strcmp(keys[i], cstr(k)) != 0)
            i++;
        if (i == (int)NKEYS)
            return cerror_at(r, k, "unknown key '%s' in compile (expected project, configuration, sources, exclude, "
                             "add, remove, include, define, force-include)", cstr(k));
        if (seen[i])
            return cerror_at(r, k, "duplicate key '%s' in compile", cstr(k));
        seen[i] = true;
        const char *s;
        if (i == 0) {
            if (cget_string(r, v, "project", &s))
                return -1;
            cc->project = config_relative(c, s);
        } else if (i == 1) {
            if (cget_string(r, v, "configuration", &s))
                return -1;
            if (!strchr(s, '|'))
                return cerror_at(r, v, "'configuration' is CONFIGURATION|PLATFORM, as MSBuild names it (Release|x64), "
                                 "not '%s'", s);
            cc->configuration = xstrdup(s);
        } else if (cget_list(r, v, keys[i], lists[i])) {
            return -1;
        }
    }
    make_relative(c, &cc->sources);
    make_relative(c, &cc->exclude);
    make_relative(c, &cc->include);
    /* A forced include names a file: relative to the configuration's folder
     * when it is there, else found on the include path. */
    for (int i = 0; i < cc->force_include.n; i++) {
        char *abs = config_relative(c, cc->force_include.v[i]);
        if (is_regular_file_at(abs)) {
            free(cc->force_include.v[i]);
            cc->force_include.v[i] = abs;
        } else {
            free(abs);
        }
    }
    return 0;
}

static int load_top(struct creader *r, yaml_node_t *root, struct config *c, const char *text, size_t len)
{
    enum { NKEYS = 6 };
    bool seen[NKEYS] = { false, false, false, false, false, false };
    static const char *const keys[NKEYS] = { "checks", "fail-on", "severities", "resources", "compile", "external" };
    if (root->type != YAML_MAPPING_NODE)
        return cis_null(root) ? 0
               : cerror_at(r, root, "the top level must be a mapping, not %s", ckind(root));
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *k = cnode(r, p->key), *v = cnode(r, p->value);
        int i = 0;
        if (k->type != YAML_SCALAR_NODE)
            return cerror_at(r, k, "a key must be a name, not %s", ckind(k));
        while (i < NKEYS && strcmp(keys[i], cstr(k)) != 0)
            i++;
        if (i == NKEYS)
            return cerror_at(r, k, "unknown key '%s' (expected checks, fail-on, severities, resources, compile, external)",
                             cstr(k));
        if (seen[i])
            return cerror_at(r, k, "duplicate key '%s'", cstr(k));
        seen[i] = true;
        int rc = i == 0 ? load_checks(r, v, c)
               : i == 1 ? cget_severity(r, v, "fail-on", &c->fail_on)
               : i == 2 ? load_severities(r, v, c)
               : i == 3 ? load_resources(r, k, v, c, text, len)
               : i == 4 ? load_compile(r, v, c)
               : load_external(r, v, c);
        if (rc)
            return -1;
        c->has_fail_on |= i == 1;
    }
    return 0;
}

int config_load(const char *path, struct config *out, char **err)
{
    struct creader r = { .path = path };
    size_t len = 0;
    memset(out, 0, sizeof *out);
    *err = NULL;
    const char *why;
    char *text = read_regular_file(path, INPUT_FILE_MAX, &len, &why);
    if (!text) {
        *err = errno == EFBIG ? xasprintf("%s: cannot read: it is larger than the %zu MiB a configuration may be", path,
                                          INPUT_FILE_MAX >> 20)
               : xasprintf("%s: cannot read: %s%s", path, !strncmp(why, "is ", 3) ? "it " : "", why);
        return -1;
    }
    out->path = xstrdup(path);
    out->dir = config_dir_of(path);
    int rc = cload(&r, text, len);
    if (rc == 0) {
        yaml_node_t *root = yaml_document_get_root_node(&r.doc);
        rc = root ? load_top(&r, root, out, text, len) : 0;
    }
    if (r.loaded)
        yaml_document_delete(&r.doc);
    free(text);
    if (rc != 0) {
        config_free(out);
        *err = r.err;
    }
    return rc;
}

static void list_free(struct config_list *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

void config_free(struct config *c)
{
    struct config_compile *cc = &c->compile;
    free(cc->project);
    free(cc->configuration);
    list_free(&cc->sources);
    list_free(&cc->exclude);
    list_free(&cc->add);
    list_free(&cc->remove);
    list_free(&cc->include);
    list_free(&cc->define);
    list_free(&cc->force_include);
    free(c->dir);
    free(c->path);
    free(c->checks);
    for (int i = 0; i < c->nseverities; i++)
        free(c->severities[i].rule);
    free(c->severities);
    free(c->resources_yaml);
    for (int i = 0; i < c->nexternal; i++)
        free(c->external[i]);
    free(c->external);
    memset(c, 0, sizeof *c);
}

static bool is_regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* `source` as a normalised absolute path. */
static char *absolute_path(const char *source)
{
    char *r;
    if (source[0] == '/') {
        r = xstrdup(source);
    } else {
        char *cwd = getcwd(NULL, 0);
        if (!cwd)
            return NULL;
        r = xasprintf("%s/%s", cwd, source);
        free(cwd);
    }
    path_tidy(r);
    return r;
}

char *config_find_for(const char *source)
{
    if (!source || !*source)
        return NULL;
    char *dir = absolute_path(source);
    if (!dir)
        return NULL;
    /* Start from the directory that holds the file (or the directory itself). */
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        char *slash = strrchr(dir, '/');
        slash[slash == dir ? 1 : 0] = 0;
    }
    for (;;) {
        char *candidate = xasprintf("%s%s" CONFIG_NAME, dir, strcmp(dir, "/") == 0 ? "" : "/");
        if (is_regular_file(candidate)) {
            free(dir);
            return candidate;
        }
        free(candidate);
        char *slash = strrchr(dir, '/');
        if (!slash || strcmp(dir, "/") == 0)
            break;
        slash[slash == dir ? 1 : 0] = 0;
    }
    free(dir);
    return NULL;
}

char *config_effective_checks(const char *cli_checks, const struct config *c)
{
    const char *base = c && c->checks ? c->checks : "*";
    return cli_checks ? xasprintf("%s,%s", base, cli_checks) : xstrdup(base);
}
