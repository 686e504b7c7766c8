/* dumpcheck --lsp: a language server on stdin/stdout (JSON-RPC 2.0 with
 * Content-Length framing).
 *
 * Documents are synchronised in full (incremental edits are applied too,
 * should a client send them). When a document is opened, changed or saved,
 * the driver it belongs to is checked again, with the unsaved text of every
 * open document:
 *   - when a compile_commands.json is found walking up from the file (in a
 *     folder, or in the build/ subfolder of a folder, as clangd looks), the
 *     whole database is the driver (-p);
 *   - else the project of the nearest .dumpcheck.yaml's compile: section, or
 *     the build description found walking up (a WDK sources file, or a
 *     folder's only .vcxproj), when it compiles the file (--project);
 *   - otherwise the .c/.cpp files of the file's folder are the driver.
 * Checks wait until no input is pending, so a burst of edits costs one
 * check. Findings are published for every file of the driver (clearing the
 * files that no longer have any). A driver that cannot be checked
 * (compile errors, no dump filter registration) publishes the problems as
 * diagnostics with source "dumpcheck": at their location when they have
 * one, else at the top of the document that triggered the check.
 *
 * Malformed input never stops the server: bad JSON gets a ParseError reply
 * (id null), a header block without a usable Content-Length (missing, not a
 * number, above 64 MiB) gets a ParseError and the reader resynchronises on
 * the next Content-Length header; end of input ends the server. */
#include "lsp.h"
#include "../project.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../config.h"
#include "../driver.h"
#include "../frontend/import.h"

#define MAX_HEADER (64 * 1024)
#define MAX_BODY (64u * 1024 * 1024)

enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_SERVER_NOT_INITIALIZED = -32002,
};

struct doc {
    char *uri;          /* as the client spelled it */
    char *path;         /* resolved */
    char *text;
    size_t len;
    int version;
    bool has_version;
};

/* What was last published for one driver, to clear files that no longer
 * have findings. */
struct published {
    char *driver;       /* "db:/abs/build" or "dir:/abs/src" */
    char **uris;
    size_t n;
};

struct reader {
    int fd;
    char *buf;
    size_t len, cap;
    bool eof;
};

struct server {
    const struct options *base;
    int out;
    struct reader in;
    struct doc *docs;
    size_t ndocs;
    struct published *pub;
    size_t npub;
    char **pending;     /* resolved paths whose drivers need a check */
    size_t npending;
    bool initialized, shutdown, exiting;
};

/* ---- output ---- */

static void send_json(struct server *s, cJSON *msg)
{
    cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
    char *body = cJSON_PrintUnformatted(msg);
    cJSON_Delete(msg);
    if (!body)
        return;
    char *all = xasprintf("Content-Length: %zu\r\n\r\n%s", strlen(body), body);
    free(body);
    size_t n = strlen(all), off = 0;
    while (off < n) {
        ssize_t w = write(s->out, all + off, n - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            /* The client is gone. */
            s->exiting = true;
            break;
        }
        off += (size_t)w;
    }
    free(all);
}

static void reply(struct server *s, const cJSON *id, cJSON *result)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, true) : cJSON_CreateNull());
    cJSON_AddItemToObject(m, "result", result ? result : cJSON_CreateNull());
    send_json(s, m);
}

static void reply_error(struct server *s, const cJSON *id, int code, const char *message)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, true) : cJSON_CreateNull());
    cJSON *e = cJSON_AddObjectToObject(m, "error");
    cJSON_AddNumberToObject(e, "code", code);
    cJSON_AddStringToObject(e, "message", message);
    send_json(s, m);
}

/* ---- input: Content-Length framing ---- */

static bool reader_fill(struct reader *r)
{
    if (r->eof)
        return false;
    if (r->cap - r->len < 65536) {
        r->cap = r->cap ? r->cap * 2 : 131072;
        while (r->cap - r->len < 65536)
            r->cap *= 2;
        r->buf = xrealloc(r->buf, r->cap + 1);
    }
    for (;;) {
        ssize_t n = read(r->fd, r->buf + r->len, r->cap - r->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            r->eof = true;
            return false;
        }
        r->len += (size_t)n;
        r->buf[r->len] = 0;
        return true;
    }
}

static void reader_drop(struct reader *r, size_t n)
{
    memmove(r->buf, r->buf + n, r->len - n);
    r->len -= n;
    if (r->buf)
        r->buf[r->len] = 0;
}

/* Position of the last "content-length:" (any case) in p[0..n), or -1. */
static long find_content_length(const char *p, size_t n)
{
    static const char key[] = "content-length:";
    const size_t k = sizeof key - 1;
    long last = -1;
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k) {
            char c = p[i + j];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c != key[j])
                break;
            j++;
        }
        if (j == k)
            last = (long)i;
    }
    return last;
}

/* The end of the header block (index just past the blank line), or 0. */
static size_t header_end(const char *p, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (p[i] == '\n' && p[i + 1] == '\n')
            return i + 2;
        if (i + 3 < n && p[i] == '\r' && p[i + 1] == '\n' && p[i + 2] == '\r' && p[i + 3] == '\n')
            return i + 4;
    }
    return 0;
}

enum read_status { READ_OK, READ_EOF, READ_BAD_HEADER };

/* Reads one message body (malloc'd, NUL-terminated) into *body. */
static enum read_status read_message(struct reader *r, char **body, size_t *len)
{
    size_t hend;
    for (;;) {
        /* Blank lines between messages are noise, not headers. */
        size_t skip = 0;
        while (skip < r->len && (r->buf[skip] == '\r' || r->buf[skip] == '\n'))
            skip++;
        if (skip)
            reader_drop(r, skip);
        if (r->len > 0 && (hend = header_end(r->buf, r->len)) != 0)
            break;
        if (r->len > MAX_HEADER) {
            /* Garbage without a blank line: keep only from the last
             * Content-Length header on, if any. */
            long at = find_content_length(r->buf, r->len);
            reader_drop(r, at > 0 ? (size_t)at : r->len);
            if (at <= 0)
                return READ_BAD_HEADER;
            if (r->len > MAX_HEADER) {
                reader_drop(r, r->len);
                return READ_BAD_HEADER;
            }
            continue;
        }
        if (!reader_fill(r))
            return READ_EOF;
    }
    long at = find_content_length(r->buf, hend);
    unsigned long long length = 0;
    bool ok = at >= 0;
    if (ok) {
        const char *p = r->buf + at + 15;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p < '0' || *p > '9')
            ok = false;
        for (; ok && *p >= '0' && *p <= '9'; p++) {
            length = length * 10 + (unsigned long long)(*p - '0');
            if (length > MAX_BODY)
                ok = false;
        }
        while (ok && (*p == ' ' || *p == '\t'))
            p++;
        if (ok && *p != '\r' && *p != '\n')
            ok = false;
    }
    reader_drop(r, hend);
    if (!ok)
        return READ_BAD_HEADER;
    while (r->len < length)
        if (!reader_fill(r))
            return READ_EOF;
    *body = xstrndup(r->buf, (size_t)length);
    *len = (size_t)length;
    reader_drop(r, (size_t)length);
    return READ_OK;
}

static bool input_pending(struct server *s)
{
    if (s->in.len > 0)
        return true;
    if (s->in.eof)
        return false;
    struct pollfd p = {s->in.fd, POLLIN, 0};
    return poll(&p, 1, 0) > 0;
}

/* ---- documents ---- */

static struct doc *doc_find(struct server *s, const char *path)
{
    for (size_t i = 0; i < s->ndocs; i++)
        if (!strcmp(s->docs[i].path, path))
            return &s->docs[i];
    return NULL;
}

static void doc_free(struct doc *d)
{
    free(d->uri);
    free(d->path);
    free(d->text);
}

static void schedule(struct server *s, const char *path)
{
    for (size_t i = 0; i < s->npending; i++)
        if (!strcmp(s->pending[i], path))
            return;
    s->pending = xrealloc(s->pending, (s->npending + 1) * sizeof *s->pending);
    s->pending[s->npending++] = xstrdup(path);
}

static const char *param_string(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Byte offset of an LSP position (UTF-16 code units) in text. */
static size_t offset_of(const char *t, size_t len, const cJSON *pos)
{
    const cJSON *jl = cJSON_GetObjectItemCaseSensitive(pos, "line");
    const cJSON *jc = cJSON_GetObjectItemCaseSensitive(pos, "character");
    double line = cJSON_IsNumber(jl) ? jl->valuedouble : 0, ch = cJSON_IsNumber(jc) ? jc->valuedouble : 0;
    size_t i = 0;
    for (double l = 0; l < line && i < len; i++)
        if (t[i] == '\n')
            l++;
    for (double u = 0; u < ch && i < len && t[i] != '\n';) {
        unsigned char c = (unsigned char)t[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + k > len)
            k = 1;
        u += k == 4 ? 2 : 1;
        i += k;
    }
    return i;
}

static void apply_change(struct doc *d, const cJSON *change)
{
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(change, "text");
    if (!cJSON_IsString(text))
        return;
    const cJSON *range = cJSON_GetObjectItemCaseSensitive(change, "range");
    size_t tl = strlen(text->valuestring);
    if (!cJSON_IsObject(range)) {
        free(d->text);
        d->text = xstrndup(text->valuestring, tl);
        d->len = tl;
        return;
    }
    size_t a = offset_of(d->text, d->len, cJSON_GetObjectItemCaseSensitive(range, "start"));
    size_t b = offset_of(d->text, d->len, cJSON_GetObjectItemCaseSensitive(range, "end"));
    if (b < a)
        b = a;
    char *n = xmalloc(d->len - (b - a) + tl + 1);
    memcpy(n, d->text, a);
    memcpy(n + a, text->valuestring, tl);
    memcpy(n + a + tl, d->text + b, d->len - b);
    d->len = d->len - (b - a) + tl;
    n[d->len] = 0;
    free(d->text);
    d->text = n;
}

/* ---- which files make the driver ---- */

static bool file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static char *dir_of(const char *path)
{
    char *d = xstrdup(path);
    char *slash = strrchr(d, '/');
    if (slash == d)
        d[1] = 0;
    else if (slash)
        *slash = 0;
    return d;
}

/* The folder holding compile_commands.json for `path`, or NULL. */
static char *find_compile_db(const char *path)
{
    char *dir = dir_of(path);
    for (;;) {
        const char *sep = strcmp(dir, "/") ? "/" : "";
        char *here = xasprintf("%s%scompile_commands.json", dir, sep);
        char *below = xasprintf("%s%sbuild/compile_commands.json", dir, sep);
        char *found = file_exists(here) ? xstrdup(dir) : file_exists(below) ? xasprintf("%s%sbuild", dir, sep) : NULL;
        free(here);
        free(below);
        if (found || !strcmp(dir, "/")) {
            free(dir);
            return found;
        }
        char *up = dir_of(dir);
        free(dir);
        dir = up;
    }
}

static bool is_source(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (!strcmp(dot, ".c") || !strcmp(dot, ".cpp") || !strcmp(dot, ".cc") || !strcmp(dot, ".cxx"));
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct driver_set {
    char *key;
    char *db;            /* -p folder, or NULL */
    char *project;       /* --project file, or NULL */
    char **files;        /* without a database */
    int nfiles;
};

static void driver_set_free(struct driver_set *d)
{
    free(d->key);
    free(d->db);
    free(d->project);
    for (int i = 0; i < d->nfiles; i++)
        free(d->files[i]);
    free(d->files);
}

static void add_file(struct driver_set *d, const char *path)
{
    for (int i = 0; i < d->nfiles; i++)
        if (!strcmp(d->files[i], path))
            return;
    d->files = xrealloc(d->files, sizeof(char *) * (size_t)(d->nfiles + 1));
    d->files[d->nfiles++] = xstrdup(path);
}

/* Whether the database in `db` has an entry for the source file `path`. */
static bool db_lists(const char *db, const char *path)
{
    int n;
    char **srcs = compile_db_sources(db, &n);
    bool found = false;
    for (int i = 0; i < n; i++) {
        char *r = path_canonical(srcs[i]);
        found |= !strcmp(r, path);
        free(r);
        free(srcs[i]);
    }
    free(srcs);
    return found;
}

/* The build description in `dir`: a WDK sources file, else the folder's
 * only .vcxproj; NULL if none. */
static char *project_in(const char *dir)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return NULL;
    char *sources = NULL, *vcxproj = NULL;
    int nvcxproj = 0;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        size_t n = strlen(e->d_name);
        if (!strcasecmp(e->d_name, "sources") && !sources)
            sources = xasprintf("%s%s%s", dir, strcmp(dir, "/") ? "/" : "", e->d_name);
        else if (n > 8 && !strcasecmp(e->d_name + n - 8, ".vcxproj") && nvcxproj++ == 0)
            vcxproj = xasprintf("%s%s%s", dir, strcmp(dir, "/") ? "/" : "", e->d_name);
    }
    closedir(dh);
    if (sources) {
        free(vcxproj);
        return sources;
    }
    if (nvcxproj == 1)
        return vcxproj;
    free(vcxproj);
    return NULL;
}

/* The project file for `path`: the configuration's compile: project, else
 * the nearest build description walking up; with the configuration to read
 * it in (NULL: the default). */
static char *find_project(const char *path, char **configuration)
{
    *configuration = NULL;
    char *cfg_path = config_find_for(path);
    if (cfg_path) {
        struct config c;
        char *err = NULL;
        char *project = NULL;
        if (config_load(cfg_path, &c, &err) == 0) {
            if (c.has_compile && c.compile.project)
                project = xstrdup(c.compile.project);
            if (c.has_compile && c.compile.configuration)
                *configuration = xstrdup(c.compile.configuration);
            config_free(&c);
        }
        free(err);
        free(cfg_path);
        if (project)
            return project;
    }
    char *dir = dir_of(path);
    for (;;) {
        char *found = project_in(dir);
        if (found || !strcmp(dir, "/")) {
            free(dir);
            return found;
        }
        char *up = dir_of(dir);
        free(dir);
        dir = up;
    }
}

/* Whether the project compiles `path`. */
static bool project_lists(const char *project, const char *configuration, const char *path)
{
    struct import_result ir;
    char *err = NULL;
    bool found = false;
    if (project_import(project, configuration, &ir, &err) == 0) {
        for (int i = 0; i < ir.ntus && !found; i++) {
            char *r = path_canonical(ir.tus[i].file);
            found = !strcmp(r, path);
            free(r);
        }
        import_result_free(&ir);
    }
    free(err);
    return found;
}

static void driver_of(struct server *s, const char *path, struct driver_set *d)
{
    memset(d, 0, sizeof *d);
    d->db = find_compile_db(path);
    /* A source file the database does not list is checked with its folder
     * (as clangd falls back to default flags); headers go with the database. */
    if (d->db && is_source(path) && !db_lists(d->db, path)) {
        free(d->db);
        d->db = NULL;
    }
    if (d->db) {
        d->key = xasprintf("db:%s", d->db);
        return;
    }
    if (!s->base->project) {
        char *configuration;
        d->project = find_project(path, &configuration);
        const char *cfg = s->base->configuration ? s->base->configuration : configuration;
        if (d->project && is_source(path) && !project_lists(d->project, cfg, path)) {
            free(d->project);
            d->project = NULL;
        }
        free(configuration);
    } else {
        d->project = xstrdup(s->base->project);
    }
    if (d->project) {
        d->key = xasprintf("project:%s", d->project);
        return;
    }
    char *dir = dir_of(path);
    d->key = xasprintf("dir:%s", dir);
    DIR *dh = opendir(dir);
    if (dh) {
        struct dirent *e;
        while ((e = readdir(dh)) != NULL)
            if (e->d_name[0] != '.' && is_source(e->d_name)) {
                char *p = xasprintf("%s%s%s", dir, strcmp(dir, "/") ? "/" : "", e->d_name);
                if (file_exists(p))
                    add_file(d, p);
                free(p);
            }
        closedir(dh);
    }
    /* Open sources of the folder not yet saved to disk. */
    for (size_t i = 0; i < s->ndocs; i++) {
        char *ddir = dir_of(s->docs[i].path);
        if (!strcmp(ddir, dir) && is_source(s->docs[i].path))
            add_file(d, s->docs[i].path);
        free(ddir);
    }
    free(dir);
    if (d->nfiles > 1)
        qsort(d->files, (size_t)d->nfiles, sizeof *d->files, cmp_str);
}

/* ---- checking and publishing ---- */

struct file_diags {
    char *path;          /* resolved */
    cJSON *list;
};

struct diag_map {
    struct file_diags *v;
    size_t n;
};

static cJSON *diags_for(struct diag_map *m, const char *path)
{
    for (size_t i = 0; i < m->n; i++)
        if (!strcmp(m->v[i].path, path))
            return m->v[i].list;
    m->v = xrealloc(m->v, (m->n + 1) * sizeof *m->v);
    m->v[m->n].path = xstrdup(path);
    m->v[m->n].list = cJSON_CreateArray();
    return m->v[m->n++].list;
}

static char *uri_for(struct server *s, const char *path)
{
    struct doc *d = doc_find(s, path);
    return d ? xstrdup(d->uri) : path_to_file_uri(path);
}

static void publish(struct server *s, const char *uri, const char *path, cJSON *diags)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "method", "textDocument/publishDiagnostics");
    cJSON *p = cJSON_AddObjectToObject(m, "params");
    cJSON_AddStringToObject(p, "uri", uri);
    struct doc *d = path ? doc_find(s, path) : NULL;
    if (d && d->has_version)
        cJSON_AddNumberToObject(p, "version", d->version);
    cJSON_AddItemToObject(p, "diagnostics", diags ? diags : cJSON_CreateArray());
    send_json(s, m);
}

static cJSON *problem_diagnostic(struct source_cache *sc, const struct diag *pr, loc_t at)
{
    struct diag tmp = *pr;
    tmp.loc = at;
    tmp.rule = NULL;
    tmp.nnotes = 0;
    cJSON *j = lsp_diagnostic(sc, &tmp);
    return j;
}

static struct published *published_for(struct server *s, const char *key)
{
    for (size_t i = 0; i < s->npub; i++)
        if (!strcmp(s->pub[i].driver, key))
            return &s->pub[i];
    s->pub = xrealloc(s->pub, (s->npub + 1) * sizeof *s->pub);
    struct published *p = &s->pub[s->npub++];
    memset(p, 0, sizeof *p);
    p->driver = xstrdup(key);
    return p;
}

static void check_driver(struct server *s, const char *trigger, struct driver_set *drv)
{
    struct options o = *s->base;
    o.lsp = false;
    o.output = NULL;
    o.format = FMT_TEXT;
    o.quiet = true;
    o.list_checks = o.list_callbacks = o.dump_ir = false;
    o.verify_prefix = NULL;
    o.write_baseline = NULL;
    o.build_dir = drv->db;
    o.project = drv->project;
    o.files = (const char **)drv->files;
    o.nfiles = drv->db || drv->project ? 0 : drv->nfiles;
    struct unsaved_file *un = xcalloc(s->ndocs + 1, sizeof *un);
    for (size_t i = 0; i < s->ndocs; i++) {
        un[i].path = s->docs[i].path;
        un[i].contents = s->docs[i].text;
        un[i].len = s->docs[i].len;
    }
    o.unsaved = un;
    o.nunsaved = (int)s->ndocs;

    struct diag_map map = {0};
    struct run_result r;
    struct source_cache sc;
    source_cache_init(&sc, &o);
    if (!drv->db && !drv->project && drv->nfiles == 0) {
        memset(&r, 0, sizeof r);
    } else {
        dumpcheck_analyze(&o, &r);
        for (size_t i = 0; i < r.findings.n; i++) {
            const struct diag *d = &r.findings.v[i];
            if (d->suppressed || !d->loc.file)
                continue;
            char *p = path_canonical(str_get(d->loc.file));
            cJSON_AddItemToArray(diags_for(&map, p), lsp_diagnostic(&sc, d));
            free(p);
        }
        if (r.status == EXIT_CANNOT_CHECK) {
            for (size_t i = 0; i < r.problems.n; i++) {
                const struct diag *pr = &r.problems.v[i];
                loc_t at = pr->loc;
                char *p;
                if (loc_valid(at)) {
                    p = path_canonical(str_get(at.file));
                } else {
                    p = xstrdup(trigger);
                    at.file = str_intern(trigger);
                    at.line = 1;
                    at.col = 1;
                }
                cJSON_AddItemToArray(diags_for(&map, p), problem_diagnostic(&sc, pr, at));
                free(p);
            }
        }
        run_result_free(&r);
    }
    source_cache_free(&sc);

    struct published *pub = published_for(s, drv->key);
    /* Files that had findings and have none now. */
    for (size_t i = 0; i < pub->n; i++) {
        bool still = false;
        for (size_t k = 0; k < map.n; k++) {
            char *u = uri_for(s, map.v[k].path);
            if (!strcmp(u, pub->uris[i]))
                still = true;
            free(u);
        }
        if (!still)
            publish(s, pub->uris[i], NULL, NULL);
        free(pub->uris[i]);
    }
    free(pub->uris);
    pub->uris = NULL;
    pub->n = 0;
    bool trigger_done = false;
    for (size_t k = 0; k < map.n; k++) {
        char *u = uri_for(s, map.v[k].path);
        publish(s, u, map.v[k].path, map.v[k].list);
        pub->uris = xrealloc(pub->uris, (pub->n + 1) * sizeof *pub->uris);
        pub->uris[pub->n++] = u;
        if (!strcmp(map.v[k].path, trigger))
            trigger_done = true;
        free(map.v[k].path);
    }
    free(map.v);
    if (!trigger_done && doc_find(s, trigger)) {
        char *u = uri_for(s, trigger);
        publish(s, u, trigger, NULL);
        free(u);
    }
    free(un);
}

static void run_pending(struct server *s)
{
    char **done = NULL;
    size_t ndone = 0;
    for (size_t i = 0; i < s->npending && !s->exiting; i++) {
        struct driver_set drv;
        driver_of(s, s->pending[i], &drv);
        bool seen = false;
        for (size_t k = 0; k < ndone; k++)
            if (!strcmp(done[k], drv.key))
                seen = true;
        if (!seen) {
            check_driver(s, s->pending[i], &drv);
            done = xrealloc(done, (ndone + 1) * sizeof *done);
            done[ndone++] = xstrdup(drv.key);
        }
        driver_set_free(&drv);
    }
    for (size_t i = 0; i < ndone; i++)
        free(done[i]);
    free(done);
    for (size_t i = 0; i < s->npending; i++)
        free(s->pending[i]);
    free(s->pending);
    s->pending = NULL;
    s->npending = 0;
}

/* ---- methods ---- */

static cJSON *initialize_result(void)
{
    cJSON *r = cJSON_CreateObject();
    cJSON *caps = cJSON_AddObjectToObject(r, "capabilities");
    cJSON *sync = cJSON_AddObjectToObject(caps, "textDocumentSync");
    cJSON_AddBoolToObject(sync, "openClose", true);
    cJSON_AddNumberToObject(sync, "change", 1);   /* Full */
    cJSON *save = cJSON_AddObjectToObject(sync, "save");
    cJSON_AddBoolToObject(save, "includeText", false);
    cJSON *info = cJSON_AddObjectToObject(r, "serverInfo");
    cJSON_AddStringToObject(info, "name", "dumpcheck");
    cJSON_AddStringToObject(info, "version", DUMPCHECK_VERSION);
    return r;
}

static struct doc *doc_of_params(struct server *s, const cJSON *params, char **path_out)
{
    const cJSON *td = cJSON_GetObjectItemCaseSensitive(params, "textDocument");
    const char *uri = param_string(td, "uri");
    char *raw = uri ? file_uri_to_path(uri) : NULL;
    if (!raw)
        return NULL;
    char *path = path_canonical(raw);
    free(raw);
    *path_out = path;
    return doc_find(s, path);
}

static void did_open(struct server *s, const cJSON *params)
{
    const cJSON *td = cJSON_GetObjectItemCaseSensitive(params, "textDocument");
    const char *uri = param_string(td, "uri"), *text = param_string(td, "text");
    char *raw = uri ? file_uri_to_path(uri) : NULL;
    if (!raw || !text) {
        free(raw);
        return;
    }
    char *path = path_canonical(raw);
    free(raw);
    struct doc *d = doc_find(s, path);
    if (!d) {
        s->docs = xrealloc(s->docs, (s->ndocs + 1) * sizeof *s->docs);
        d = &s->docs[s->ndocs++];
        memset(d, 0, sizeof *d);
        d->path = xstrdup(path);
    } else {
        free(d->uri);
        free(d->text);
    }
    d->uri = xstrdup(uri);
    d->len = strlen(text);
    d->text = xstrndup(text, d->len);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(td, "version");
    d->has_version = cJSON_IsNumber(v);
    d->version = d->has_version ? v->valueint : 0;
    schedule(s, path);
    free(path);
}

static void did_change(struct server *s, const cJSON *params)
{
    char *path = NULL;
    struct doc *d = doc_of_params(s, params, &path);
    if (d) {
        const cJSON *changes = cJSON_GetObjectItemCaseSensitive(params, "contentChanges"), *c;
        cJSON_ArrayForEach(c, changes)
            apply_change(d, c);
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(params, "textDocument"),
                                                          "version");
        if (cJSON_IsNumber(v)) {
            d->version = v->valueint;
            d->has_version = true;
        }
        schedule(s, path);
    }
    free(path);
}

static void did_save(struct server *s, const cJSON *params)
{
    char *path = NULL;
    struct doc *d = doc_of_params(s, params, &path);
    const char *text = param_string(params, "text");
    if (d && text) {
        free(d->text);
        d->len = strlen(text);
        d->text = xstrndup(text, d->len);
    }
    if (path)
        schedule(s, path);
    free(path);
}

static void did_close(struct server *s, const cJSON *params)
{
    char *path = NULL;
    struct doc *d = doc_of_params(s, params, &path);
    if (d) {
        char *uri = xstrdup(d->uri);
        doc_free(d);
        size_t i = (size_t)(d - s->docs);
        memmove(&s->docs[i], &s->docs[i + 1], (s->ndocs - i - 1) * sizeof *s->docs);
        s->ndocs--;
        /* As clangd does: a closed file shows no diagnostics. */
        publish(s, uri, NULL, NULL);
        for (size_t k = 0; k < s->npub; k++)
            for (size_t j = 0; j < s->pub[k].n; j++)
                if (!strcmp(s->pub[k].uris[j], uri)) {
                    free(s->pub[k].uris[j]);
                    s->pub[k].uris[j] = s->pub[k].uris[--s->pub[k].n];
                    j--;
                }
        free(uri);
    }
    free(path);
}

static void handle(struct server *s, const char *body, size_t len)
{
    cJSON *msg = cJSON_ParseWithLength(body, len);
    if (!msg) {
        reply_error(s, NULL, RPC_PARSE_ERROR, "the message is not valid JSON");
        return;
    }
    if (!cJSON_IsObject(msg)) {
        reply_error(s, NULL, RPC_INVALID_REQUEST, "a message must be a JSON object");
        cJSON_Delete(msg);
        return;
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(msg, "id");
    const cJSON *method = cJSON_GetObjectItemCaseSensitive(msg, "method");
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(msg, "params");
    bool valid_id = id && (cJSON_IsNumber(id) || cJSON_IsString(id));
    if (!method) {
        /* A response to a request of ours (we send none), or nonsense. */
        if (!cJSON_GetObjectItemCaseSensitive(msg, "result") && !cJSON_GetObjectItemCaseSensitive(msg, "error"))
            reply_error(s, valid_id ? id : NULL, RPC_INVALID_REQUEST, "a message needs a \"method\"");
        cJSON_Delete(msg);
        return;
    }
    if (!cJSON_IsString(method) || (id && !valid_id)) {
        reply_error(s, valid_id ? id : NULL, RPC_INVALID_REQUEST,
                    !cJSON_IsString(method) ? "\"method\" must be a string" : "\"id\" must be a number or a string");
        cJSON_Delete(msg);
        return;
    }
    const char *m = method->valuestring;
    if (id) {
        if (!strcmp(m, "initialize")) {
            s->initialized = true;
            reply(s, id, initialize_result());
        } else if (!s->initialized) {
            reply_error(s, id, RPC_SERVER_NOT_INITIALIZED, "the server has not been initialized");
        } else if (s->shutdown) {
            reply_error(s, id, RPC_INVALID_REQUEST, "the server is shutting down");
        } else if (!strcmp(m, "shutdown")) {
            s->shutdown = true;
            reply(s, id, NULL);
        } else {
            char *t = xasprintf("method not found: %s", m);
            reply_error(s, id, RPC_METHOD_NOT_FOUND, t);
            free(t);
        }
    } else if (!strcmp(m, "exit")) {
        s->exiting = true;
    } else if (s->initialized && !s->shutdown && cJSON_IsObject(params)) {
        if (!strcmp(m, "textDocument/didOpen"))
            did_open(s, params);
        else if (!strcmp(m, "textDocument/didChange"))
            did_change(s, params);
        else if (!strcmp(m, "textDocument/didSave"))
            did_save(s, params);
        else if (!strcmp(m, "textDocument/didClose"))
            did_close(s, params);
        /* Other notifications ($/cancelRequest, initialized, ...) need nothing. */
    }
    cJSON_Delete(msg);
}

int lsp_read_messages(int fd, void (*each)(const char *body, size_t len, void *ud), void *ud)
{
    struct reader r = {.fd = fd};
    int n = 0;
    for (;;) {
        char *body = NULL;
        size_t len = 0;
        enum read_status st = read_message(&r, &body, &len);
        if (st == READ_EOF)
            break;
        each(st == READ_OK ? body : NULL, len, ud);
        free(body);
        n++;
    }
    free(r.buf);
    return n;
}

int lsp_main(const struct options *o)
{
    struct server s;
    memset(&s, 0, sizeof s);
    s.base = o;
    s.in.fd = 0;
    /* The protocol owns stdout: keep a private copy of it and send anything
     * else that writes to stdout to stderr. */
    fflush(stdout);
    s.out = dup(1);
    if (s.out < 0 || dup2(2, 1) < 0) {
        fprintf(stderr, "dumpcheck: error: --lsp cannot set up stdout: %s\n", strerror(errno));
        return EXIT_CANNOT_CHECK;
    }
    signal(SIGPIPE, SIG_IGN);
    while (!s.exiting) {
        char *body = NULL;
        size_t len = 0;
        enum read_status st = read_message(&s.in, &body, &len);
        if (st == READ_EOF)
            break;
        if (st == READ_BAD_HEADER)
            reply_error(&s, NULL, RPC_PARSE_ERROR,
                        "bad header: a message needs a Content-Length of at most 64 MiB");
        else
            handle(&s, body, len);
        free(body);
        if (s.npending > 0 && !s.exiting && !input_pending(&s))
            run_pending(&s);
    }
    int rc = s.shutdown ? 0 : 1;
    for (size_t i = 0; i < s.ndocs; i++)
        doc_free(&s.docs[i]);
    free(s.docs);
    for (size_t i = 0; i < s.npub; i++) {
        for (size_t k = 0; k < s.pub[i].n; k++)
            free(s.pub[i].uris[k]);
        free(s.pub[i].uris);
        free(s.pub[i].driver);
    }
    free(s.pub);
    for (size_t i = 0; i < s.npending; i++)
        free(s.pending[i]);
    free(s.pending);
    free(s.in.buf);
    close(s.out);
    return rc;
}
