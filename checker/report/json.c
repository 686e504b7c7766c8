/* --format=json: the findings as LSP Diagnostic objects, grouped by file
 * URI, in the shape clangd publishes them:
 *
 *   [{"uri": "file:///abs/src/unload.c",
 *     "diagnostics": [{"range": {...}, "severity": 2, "code": "dump-unload-leak",
 *                      "codeDescription": {"href": "..."}, "source": "dumpcheck",
 *                      "message": "...", "relatedInformation": [...]}]}]
 *
 * With --summary: {"diagnostics": [that array], "summary": {the account}}.
 *
 * Also the helpers the language server and the SARIF writer share: file
 * URIs, rule page links, source lines and UTF-16 positions. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../driver.h"
#include "../lsp/lsp.h"
#include "account.h"

/* ---- paths and URIs ---- */

char *path_absolute(const char *path)
{
    if (path[0] == '/')
        return xstrdup(path);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        return xstrdup(path);
    const char *p = path;
    while (p[0] == '.' && p[1] == '/')
        p += 2;
    if (!strcmp(p, "."))
        p = "";
    return xasprintf("%s%s%s", cwd, strcmp(cwd, "/") && *p ? "/" : "", p);
}

char *path_canonical(const char *path)
{
    char real[PATH_MAX];
    if (realpath(path, real))
        return xstrdup(real);
    return path_absolute(path);
}

/* RFC 3986 unreserved characters and '/' stay; everything else is %XX. */
static bool uri_plain(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == '/';
}

static void uri_encode(struct strbuf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (uri_plain(*p)) {
            sb_putc(b, (char)*p);
        } else {
            sb_putc(b, '%');
            sb_putc(b, hex[*p >> 4]);
            sb_putc(b, hex[*p & 15]);
        }
    }
}

char *path_to_file_uri(const char *path)
{
    char *abs = path_absolute(path);
    struct strbuf b = {0};
    sb_puts(&b, "file://");
    uri_encode(&b, abs);
    free(abs);
    return sb_take(&b);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *file_uri_to_path(const char *uri)
{
    if (!uri || strncmp(uri, "file:", 5) != 0)
        return NULL;
    const char *p = uri + 5;
    if (p[0] == '/' && p[1] == '/') {
        /* An authority: empty or "localhost" is this machine. */
        p += 2;
        const char *slash = strchr(p, '/');
        if (!slash)
            return NULL;
        if (slash != p && !((size_t)(slash - p) == 9 && !strncmp(p, "localhost", 9)))
            return NULL;
        p = slash;
    }
    if (p[0] != '/')
        return NULL;
    struct strbuf b = {0};
    for (; *p && *p != '?' && *p != '#'; p++) {
        if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
            char c = (char)(hexval(p[1]) * 16 + hexval(p[2]));
            if (c == 0) {
                free(b.s);
                return NULL;
            }
            sb_putc(&b, c);
            p += 2;
        } else {
            sb_putc(&b, *p);
        }
    }
    return sb_take(&b);
}

/* Split an absolute path into its components, dropping "." and applying
 * "..". Returns the count; parts point into `buf`. */
static int path_parts(char *buf, char **parts, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
        if (!strcmp(tok, "."))
            continue;
        if (!strcmp(tok, "..")) {
            if (n > 0)
                n--;
            continue;
        }
        if (n < max)
            parts[n++] = tok;
    }
    return n;
}

char *path_relative_to(const char *path, const char *root)
{
    char *a = path_absolute(path), *r = path_absolute(root);
    enum { MAXP = 256 };
    char *pa[MAXP], *pr[MAXP];
    int na = path_parts(a, pa, MAXP), nr = path_parts(r, pr, MAXP);
    int common = 0;
    while (common < na && common < nr && !strcmp(pa[common], pr[common]))
        common++;
    struct strbuf b = {0};
    for (int i = common; i < nr; i++)
        sb_puts(&b, "../");
    for (int i = common; i < na; i++) {
        sb_puts(&b, pa[i]);
        if (i + 1 < na)
            sb_putc(&b, '/');
    }
    if (b.n == 0)
        sb_putc(&b, '.');
    free(a);
    free(r);
    return sb_take(&b);
}

/* ---- links to the rule pages: the one place that says where they are ---- */

char *rule_docs_base_uri(void)
{
#ifdef DUMPCHECK_DOCS_URI
    return xstrdup(DUMPCHECK_DOCS_URI);
#else
    return path_to_file_uri(DUMPCHECK_INSTALL_RULES_DIR "/docs/");
#endif
}

char *rule_doc_uri(const char *rule)
{
    if (!rule || strncmp(rule, "dump-", 5) != 0)
        return NULL;
    char *base = rule_docs_base_uri();
    struct strbuf b = {0};
    sb_puts(&b, base);
    uri_encode(&b, rule);
    sb_puts(&b, ".md");
    free(base);
    return sb_take(&b);
}

/* ---- source text ---- */

struct source_cache_entry {
    str_id file;
    char *text;            /* NULL when unreadable */
    size_t len;
    const char **lines;    /* start of each line */
    uint32_t nlines;
};

void source_cache_init(struct source_cache *sc, const struct options *o)
{
    memset(sc, 0, sizeof *sc);
    sc->o = o;
}

void source_cache_free(struct source_cache *sc)
{
    for (size_t i = 0; i < sc->n; i++) {
        free(sc->v[i].text);
        free(sc->v[i].lines);
    }
    free(sc->v);
    memset(sc, 0, sizeof *sc);
}

static struct source_cache_entry *source_cache_get(struct source_cache *sc, str_id file)
{
    for (size_t i = 0; i < sc->n; i++)
        if (sc->v[i].file == file)
            return &sc->v[i];
    if (sc->n == sc->cap) {
        sc->cap = sc->cap ? sc->cap * 2 : 8;
        sc->v = xrealloc(sc->v, sc->cap * sizeof *sc->v);
    }
    struct source_cache_entry *e = &sc->v[sc->n++];
    memset(e, 0, sizeof *e);
    e->file = file;
    const char *path = str_get(file);
    char *canon = NULL;
    if (sc->o)
        for (int i = 0; i < sc->o->nunsaved && !e->text; i++) {
            bool same = !strcmp(sc->o->unsaved[i].path, path);
            if (!same) {
                /* The same file spelt another way (relative, through "..", a link). */
                if (!canon)
                    canon = path_canonical(path);
                char *other = path_canonical(sc->o->unsaved[i].path);
                same = !strcmp(canon, other);
                free(other);
            }
            if (same) {
                e->text = xmalloc(sc->o->unsaved[i].len + 1);
                memcpy(e->text, sc->o->unsaved[i].contents, sc->o->unsaved[i].len);
                e->text[sc->o->unsaved[i].len] = 0;
                e->len = sc->o->unsaved[i].len;
            }
        }
    free(canon);
    if (!e->text && *path)
        e->text = read_file(path, &e->len);
    if (!e->text)
        return e;
    uint32_t cap = 64;
    e->lines = xmalloc(cap * sizeof *e->lines);
    e->lines[e->nlines++] = e->text;
    for (size_t i = 0; i < e->len; i++)
        if (e->text[i] == '\n' && i + 1 <= e->len) {
            if (e->nlines == cap) {
                cap *= 2;
                e->lines = xrealloc(e->lines, cap * sizeof *e->lines);
            }
            e->lines[e->nlines++] = e->text + i + 1;
        }
    return e;
}

const char *source_cache_line(struct source_cache *sc, str_id file, uint32_t line, size_t *len)
{
    if (!file || line == 0)
        return NULL;
    struct source_cache_entry *e = source_cache_get(sc, file);
    if (!e->text || line > e->nlines)
        return NULL;
    const char *p = e->lines[line - 1], *end = e->text + e->len;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = (size_t)((nl ? nl : end) - p);
    if (n > 0 && p[n - 1] == '\r')
        n--;
    *len = n;
    return p;
}

/* UTF-16 code units of the UTF-8 text p[0..n). Invalid bytes count one. */
static uint32_t utf16_units(const char *p, size_t n)
{
    uint32_t u = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)p[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + k > n)
            k = 1;
        u += k == 4 ? 2 : 1;
        i += k;
    }
    return u;
}

static bool ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

void lsp_position_of(struct source_cache *sc, loc_t l, uint32_t *line, uint32_t *character,
                     uint32_t *end_character)
{
    *line = l.line > 0 ? l.line - 1 : 0;
    uint32_t col0 = l.col > 0 ? l.col - 1 : 0;
    size_t len = 0;
    const char *text = source_cache_line(sc, l.file, l.line, &len);
    if (!text) {
        *character = *end_character = col0;
        return;
    }
    size_t start = col0 < len ? col0 : len;
    size_t end = start;
    if (end < len && ident_char(text[end])) {
        while (end < len && ident_char(text[end]))
            end++;
    } else if (end < len) {
        end++;
        while (end < len && ((unsigned char)text[end] & 0xC0) == 0x80)
            end++;
    }
    *character = utf16_units(text, start);
    *end_character = *character + utf16_units(text + start, end - start);
}

/* ---- diagnostics ---- */

int lsp_severity(enum severity s)
{
    switch (s) {
    case SEV_ERROR: return 1;
    case SEV_WARNING: return 2;
    case SEV_NOTE: return 3;
    }
    return 2;
}

static cJSON *range_json(struct source_cache *sc, loc_t l)
{
    uint32_t line, ch, end;
    lsp_position_of(sc, l, &line, &ch, &end);
    cJSON *r = cJSON_CreateObject();
    cJSON *s = cJSON_AddObjectToObject(r, "start");
    cJSON_AddNumberToObject(s, "line", line);
    cJSON_AddNumberToObject(s, "character", ch);
    cJSON *e = cJSON_AddObjectToObject(r, "end");
    cJSON_AddNumberToObject(e, "line", line);
    cJSON_AddNumberToObject(e, "character", end);
    return r;
}

cJSON *lsp_diagnostic(struct source_cache *sc, const struct diag *d)
{
    cJSON *j = cJSON_CreateObject();
    cJSON_AddItemToObject(j, "range", range_json(sc, d->loc));
    cJSON_AddNumberToObject(j, "severity", lsp_severity(d->sev));
    if (d->rule) {
        cJSON_AddStringToObject(j, "code", d->rule);
        char *href = rule_doc_uri(d->rule);
        if (href) {
            cJSON *cd = cJSON_AddObjectToObject(j, "codeDescription");
            cJSON_AddStringToObject(cd, "href", href);
            free(href);
        }
    }
    cJSON_AddStringToObject(j, "source", "dumpcheck");
    cJSON_AddStringToObject(j, "message", d->msg ? d->msg : "");
    if (d->nnotes > 0) {
        cJSON *rel = cJSON_AddArrayToObject(j, "relatedInformation");
        for (int i = 0; i < d->nnotes; i++) {
            loc_t nl = loc_valid(d->notes[i].loc) ? d->notes[i].loc : d->loc;
            if (!loc_valid(nl))
                continue;
            cJSON *ri = cJSON_CreateObject();
            cJSON *loc = cJSON_AddObjectToObject(ri, "location");
            char *uri = path_to_file_uri(str_get(nl.file));
            cJSON_AddStringToObject(loc, "uri", uri);
            free(uri);
            cJSON_AddItemToObject(loc, "range", range_json(sc, nl));
            cJSON_AddStringToObject(ri, "message", d->notes[i].msg ? d->notes[i].msg : "");
            cJSON_AddItemToArray(rel, ri);
        }
    }
    return j;
}

cJSON *lsp_diagnostics_by_file(struct source_cache *sc, const struct diag_list *l)
{
    cJSON *files = cJSON_CreateArray();
    /* Findings are sorted by file, but keep any order working. */
    str_id *seen = NULL;
    cJSON **lists = NULL;
    size_t nseen = 0;
    for (size_t i = 0; i < l->n; i++) {
        const struct diag *d = &l->v[i];
        if (d->suppressed || !d->loc.file)
            continue;
        size_t k = 0;
        while (k < nseen && seen[k] != d->loc.file)
            k++;
        if (k == nseen) {
            seen = xrealloc(seen, (nseen + 1) * sizeof *seen);
            lists = xrealloc(lists, (nseen + 1) * sizeof *lists);
            seen[nseen] = d->loc.file;
            cJSON *f = cJSON_CreateObject();
            char *uri = path_to_file_uri(str_get(d->loc.file));
            cJSON_AddStringToObject(f, "uri", uri);
            free(uri);
            lists[nseen] = cJSON_AddArrayToObject(f, "diagnostics");
            cJSON_AddItemToArray(files, f);
            nseen++;
        }
        cJSON_AddItemToArray(lists[k], lsp_diagnostic(sc, d));
    }
    free(seen);
    free(lists);
    return files;
}

int report_json(FILE *out, const struct run_result *r, const struct options *o)
{
    struct source_cache sc;
    source_cache_init(&sc, o);
    cJSON *files = lsp_diagnostics_by_file(&sc, &r->findings);
    source_cache_free(&sc);
    if (o->summary) {
        /* --summary: the diagnostics beside the account */
        cJSON *both = cJSON_CreateObject();
        cJSON_AddItemToObject(both, "diagnostics", files);
        cJSON_AddItemToObject(both, "summary", account_json(r));
        files = both;
    }
    char *text = cJSON_Print(files);
    cJSON_Delete(files);
    if (!text)
        return -1;
    fputs(text, out);
    fputc('\n', out);
    free(text);
    return ferror(out) ? -1 : 0;
}
