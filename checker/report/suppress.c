/* NOLINT comments, as clang-tidy reads them:
 *
 *   // NOLINT                       every rule, this line
 *   // NOLINT(dump-unload-*,...)    the listed rules ('*' globs), this line
 *   // NOLINTNEXTLINE(...)          the next line
 *   // NOLINTBEGIN(...) ... // NOLINTEND(...)   every line from BEGIN to END
 *
 * A comment applies to the line of a finding's primary location. Entries
 * that start with "dump" are dumpcheck's and must match one of its rules;
 * other entries (bugprone-*, clang-analyzer-*) belong to other tools and
 * are ignored, so one comment can serve clang-tidy and dumpcheck. A BEGIN
 * is closed by the nearest open BEGIN with the same list; an unbalanced
 * BEGIN or END suppresses nothing. Problems are reported as findings of
 * the rule "dumpcheck-suppression" at the comment. */
#include "suppress.h"
#include "../project.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../checks/checks.h"
#include "../lsp/lsp.h"

/* ---- how each suppressed finding was suppressed ---- */

struct kind_record {
    loc_t loc;
    const char *rule;
    uint64_t msg_hash;
    enum suppression_kind kind;
};
static VEC(struct kind_record) kinds;

static void kind_record_add(const struct diag *d, enum suppression_kind k)
{
    struct kind_record r = {d->loc, d->rule, hash_str(d->msg ? d->msg : ""), k};
    VEC_PUSH(kinds, r);
}

/* Shared with baseline.c. */
void suppression_kind_record(const struct diag *d, enum suppression_kind k);
void suppression_kind_record(const struct diag *d, enum suppression_kind k)
{
    kind_record_add(d, k);
}

enum suppression_kind suppression_kind_of(const struct diag *d)
{
    if (!d->suppressed)
        return SUPPRESSED_NOT;
    uint64_t h = hash_str(d->msg ? d->msg : "");
    for (size_t i = kinds.n; i-- > 0;) {
        const struct kind_record *r = &kinds.v[i];
        if (r->loc.file == d->loc.file && r->loc.line == d->loc.line && r->loc.col == d->loc.col &&
            r->msg_hash == h && (r->rule == d->rule || (r->rule && d->rule && !strcmp(r->rule, d->rule))))
            return r->kind;
    }
    return SUPPRESSED_IN_SOURCE;
}

uint64_t diag_fingerprint_as(const struct diag *d, const char *file, const char *line, size_t len)
{
    struct diag tmp = *d;
    tmp.loc.file = str_intern(file);
    uint64_t h = diag_fingerprint(&tmp);
    for (size_t i = 0; line && i < len; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' && line[i] != '\f' && line[i] != '\v')
            h = hash_bytes(&line[i], 1, h);
    return h;
}

/* ---- parsing ---- */

enum nolint_kind { NL_LINE, NL_NEXTLINE, NL_BEGIN, NL_END };

static const char *const kind_names[] = {"NOLINT", "NOLINTNEXTLINE", "NOLINTBEGIN", "NOLINTEND"};

struct nolint {
    enum nolint_kind kind;
    uint32_t line, col;         /* of the 'N' */
    char *list;                 /* normalised "a,b"; NULL = every rule */
    char **entries;
    int nentries;
    uint32_t first, last;       /* lines it covers; last < first when it covers none */
    bool own;                   /* names at least one dumpcheck rule */
    bool used;
    bool malformed;             /* already reported: no "unused" report on top */
    struct nolint *end;         /* BEGIN: its END */
};

struct scanned_file {
    char *canon;                /* resolved path, to compare files */
    str_id file;                /* the name findings use */
    struct nolint *v;
    size_t n, cap;
};

static bool glob_match(const char *g, const char *s)
{
    if (!*g)
        return !*s;
    if (*g == '*') {
        for (const char *t = s;; t++) {
            if (glob_match(g + 1, t))
                return true;
            if (!*t)
                return false;
        }
    }
    return *s && *g == *s && glob_match(g + 1, s + 1);
}

static bool known_rule_matches(const char *glob)
{
    size_t n;
    const struct check *const *all = checks_all(&n);
    for (size_t i = 0; i < n; i++)
        if (glob_match(glob, all[i]->id))
            return true;
    return glob_match(glob, SUPPRESSION_RULE);
}

static bool is_own_entry(const char *e)
{
    return !strncmp(e, "dump", 4);
}

static bool nolint_matches(const struct nolint *n, const char *rule)
{
    if (!n->list)
        return true;
    for (int i = 0; i < n->nentries; i++)
        if (glob_match(n->entries[i], rule))
            return true;
    return false;
}

static void problem(struct diag_list *out, str_id file, uint32_t line, uint32_t col, const char *comment,
                    const char *fmt, const char *arg)
{
    loc_t l = {file, line, col};
    struct diag *d = diag_add(out, SUPPRESSION_RULE, SEV_WARNING, l, fmt, arg);
    d->subject = str_intern(comment);
}

static bool ident(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Parses the directive at p (which starts with "NOLINT"); `end` is the end
 * of the comment. Returns the bytes consumed, 0 when it is no directive. */
static size_t parse_directive(struct scanned_file *f, const char *p, const char *end, uint32_t line,
                              uint32_t col, struct diag_list *out)
{
    size_t n = 6;
    enum nolint_kind k = NL_LINE;
    if ((size_t)(end - p) >= 14 && !strncmp(p, "NOLINTNEXTLINE", 14))
        k = NL_NEXTLINE, n = 14;
    else if ((size_t)(end - p) >= 11 && !strncmp(p, "NOLINTBEGIN", 11))
        k = NL_BEGIN, n = 11;
    else if ((size_t)(end - p) >= 9 && !strncmp(p, "NOLINTEND", 9))
        k = NL_END, n = 9;
    if (p + n < end && ident(p[n]))
        return 0;
    struct nolint nl;
    memset(&nl, 0, sizeof nl);
    nl.kind = k;
    nl.line = line;
    nl.col = col;
    const char *q = p + n;
    char *text;
    bool bad = false;
    if (q < end && *q == '(') {
        const char *close = memchr(q, ')', (size_t)(end - q));
        if (!close) {
            text = xstrndup(p, (size_t)(end - p));
            problem(out, f->file, line, col, text, "%s: missing ')' after the rule list", kind_names[k]);
            free(text);
            return (size_t)(end - p);
        }
        text = xstrndup(p, (size_t)(close + 1 - p));
        struct strbuf list = {0};
        for (const char *s = q + 1; s < close;) {
            while (s < close && (*s == ',' || *s == ' ' || *s == '\t'))
                s++;
            const char *e = s;
            while (e < close && *e != ',' && *e != ' ' && *e != '\t')
                e++;
            if (e == s)
                break;
            char *entry = xstrndup(s, (size_t)(e - s));
            if (is_own_entry(entry)) {
                nl.own = true;
                if (!known_rule_matches(entry)) {
                    problem(out, f->file, line, col, text, "'%s' matches no dumpcheck rule (see --list-checks)",
                            entry);
                    bad = true;
                }
            }
            nl.entries = xrealloc(nl.entries, sizeof(char *) * (size_t)(nl.nentries + 1));
            nl.entries[nl.nentries++] = entry;
            if (list.n)
                sb_putc(&list, ',');
            sb_puts(&list, entry);
            s = e;
        }
        nl.list = sb_take(&list);
        if (nl.nentries == 0) {
            problem(out, f->file, line, col, text, "%s(): an empty rule list suppresses nothing", kind_names[k]);
            bad = true;
        }
        q = close + 1;
    } else {
        text = xstrndup(p, n);
    }
    nl.malformed = bad;
    free(text);
    switch (k) {
    case NL_LINE: nl.first = nl.last = line; break;
    case NL_NEXTLINE: nl.first = nl.last = line + 1; break;
    case NL_BEGIN: case NL_END: nl.first = 1; nl.last = 0; break;
    }
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 8;
        f->v = xrealloc(f->v, f->cap * sizeof *f->v);
    }
    f->v[f->n++] = nl;
    return (size_t)(q - p);
}

static bool same_list(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return !strcmp(a, b);
}

static char *directive_text(const struct nolint *n)
{
    return n->list ? xasprintf("%s(%s)", kind_names[n->kind], n->list) : xstrdup(kind_names[n->kind]);
}

/* A small C lexer: finds NOLINT directives inside comments only (not in
 * strings), then pairs BEGIN with END. */
static void scan_text(struct scanned_file *f, const char *text, size_t len, struct diag_list *out)
{
    enum { CODE, LINE_COMMENT, BLOCK_COMMENT, STRING, CHARLIT } st = CODE;
    uint32_t line = 1;
    const char *line_start = text;
    const char *end = text + len;
    for (const char *p = text; p < end; p++) {
        char c = *p;
        if (c == '\n') {
            if (st == LINE_COMMENT && !(p > text && p[-1] == '\\'))
                st = CODE;
            if (st == STRING || st == CHARLIT)
                st = CODE;
            line++;
            line_start = p + 1;
            continue;
        }
        switch (st) {
        case CODE:
            if (c == '/' && p + 1 < end && p[1] == '/')
                st = LINE_COMMENT, p++;
            else if (c == '/' && p + 1 < end && p[1] == '*')
                st = BLOCK_COMMENT, p++;
            else if (c == '"')
                st = STRING;
            else if (c == '\'')
                st = CHARLIT;
            break;
        case STRING:
        case CHARLIT:
            if (c == '\\' && p + 1 < end && p[1] != '\n')
                p++;
            else if ((st == STRING && c == '"') || (st == CHARLIT && c == '\''))
                st = CODE;
            break;
        case LINE_COMMENT:
        case BLOCK_COMMENT:
            if (st == BLOCK_COMMENT && c == '*' && p + 1 < end && p[1] == '/') {
                st = CODE;
                p++;
            } else if (c == 'N' && (size_t)(end - p) >= 6 && !strncmp(p, "NOLINT", 6) &&
                       (p == text || !ident(p[-1]))) {
                /* The comment ends at the end of the line or at the close of a block. */
                const char *ce = memchr(p, '\n', (size_t)(end - p));
                if (!ce)
                    ce = end;
                if (st == BLOCK_COMMENT) {
                    for (const char *s = p; s + 1 < ce; s++)
                        if (s[0] == '*' && s[1] == '/') {
                            ce = s;
                            break;
                        }
                }
                size_t used = parse_directive(f, p, ce, line, (uint32_t)(p - line_start) + 1, out);
                if (used > 0)
                    p += used - 1;
            }
            break;
        }
    }
    /* Pair BEGIN/END: each END closes the innermost open BEGIN with the same list. */
    size_t *open = xmalloc((f->n + 1) * sizeof *open);
    size_t nopen = 0;
    for (size_t i = 0; i < f->n; i++) {
        struct nolint *n = &f->v[i];
        if (n->kind == NL_BEGIN) {
            open[nopen++] = i;
        } else if (n->kind == NL_END) {
            size_t k = nopen;
            while (k > 0 && !same_list(f->v[open[k - 1]].list, n->list))
                k--;
            if (k == 0) {
                char *t = directive_text(n);
                char *want = n->list ? xasprintf("NOLINTBEGIN(%s)", n->list) : xstrdup("NOLINTBEGIN");
                loc_t l = {f->file, n->line, n->col};
                struct diag *d = diag_add(out, SUPPRESSION_RULE, SEV_WARNING, l,
                                          "%s without a matching %s before it", t, want);
                d->subject = str_intern(t);
                free(t);
                free(want);
                continue;
            }
            struct nolint *b = &f->v[open[k - 1]];
            b->first = b->line;
            b->last = n->line;
            b->end = n;
            memmove(&open[k - 1], &open[k], (nopen - k) * sizeof *open);
            nopen--;
        }
    }
    for (size_t k = 0; k < nopen; k++) {
        struct nolint *b = &f->v[open[k]];
        char *t = directive_text(b);
        char *want = b->list ? xasprintf("NOLINTEND(%s)", b->list) : xstrdup("NOLINTEND");
        loc_t l = {f->file, b->line, b->col};
        struct diag *d = diag_add(out, SUPPRESSION_RULE, SEV_WARNING, l,
                                  "%s without a matching %s after it: it suppresses nothing", t, want);
        d->subject = str_intern(t);
        free(t);
        free(want);
    }
    free(open);
}

static const char *unsaved_text(const struct options *o, const char *path, const char *canon, size_t *len)
{
    for (int i = 0; i < o->nunsaved; i++)
        if (!strcmp(o->unsaved[i].path, path) || !strcmp(o->unsaved[i].path, canon)) {
            *len = o->unsaved[i].len;
            return o->unsaved[i].contents;
        }
    return NULL;
}

bool text_mentions_nolint(const char *text, size_t len)
{
    const char *end = text + len;
    for (const char *p = text; (p = memchr(p, 'N', (size_t)(end - p))) != NULL; p++)
        if ((size_t)(end - p) >= 6 && !memcmp(p, "NOLINT", 6))
            return true;
    return false;
}

static struct scanned_file *find_or_scan(struct scanned_file **files, size_t *nfiles, const struct options *o,
                                         str_id file, struct diag_list *out)
{
    const char *path = str_get(file);
    char *canon = path_canonical(path);
    for (size_t i = 0; i < *nfiles; i++)
        if (!strcmp((*files)[i].canon, canon)) {
            free(canon);
            return &(*files)[i];
        }
    *files = xrealloc(*files, (*nfiles + 1) * sizeof **files);
    struct scanned_file *f = &(*files)[(*nfiles)++];
    memset(f, 0, sizeof *f);
    f->canon = canon;
    f->file = file;
    size_t len = 0;
    const char *text = unsaved_text(o, path, canon, &len);
    char *owned = NULL;
    if (!text)
        text = owned = read_file(path, &len);
    /* Every directive starts with NOLINT: a file without the word has none. */
    if (text && text_mentions_nolint(text, len))
        scan_text(f, text, len, out);
    free(owned);
    return f;
}

/* The files of -p's compile_commands.json, when no FILE narrows it. */
static void scan_database(struct scanned_file **files, size_t *nfiles, const struct options *o,
                          struct diag_list *out)
{
    int n;
    char **srcs = compile_db_sources(o->build_dir, &n);
    for (int i = 0; i < n; i++) {
        find_or_scan(files, nfiles, o, str_intern(srcs[i]), out);
        free(srcs[i]);
    }
    free(srcs);
}

void suppressions_apply(const struct options *o, struct diag_list *findings, const str_id *no_directives, int nno)
{
    VEC_FREE(kinds);
    struct diag_list added = {0};
    struct scanned_file *files = NULL;
    size_t nfiles = 0;
    struct u64map known_clean = {0};
    for (int i = 0; i < nno; i++)
        if (no_directives[i])
            u64map_put(&known_clean, no_directives[i], 1);
    /* The checked files and the editor's open documents, for malformed
     * comments away from any finding (not those already read and found to
     * hold none). */
    for (int i = 0; i < o->nfiles; i++) {
        str_id f = str_intern(o->files[i]);
        int64_t v;
        if (!u64map_get(&known_clean, f, &v))
            find_or_scan(&files, &nfiles, o, f, &added);
    }
    u64map_free(&known_clean);
    if (o->build_dir && o->nfiles == 0)
        scan_database(&files, &nfiles, o, &added);
    for (int i = 0; i < o->nunsaved; i++)
        find_or_scan(&files, &nfiles, o, str_intern(o->unsaved[i].path), &added);
    for (size_t i = 0; i < findings->n; i++) {
        struct diag *d = &findings->v[i];
        if (!d->rule || !loc_valid(d->loc) || !strcmp(d->rule, SUPPRESSION_RULE))
            continue;
        struct scanned_file *f = find_or_scan(&files, &nfiles, o, d->loc.file, &added);
        /* find_or_scan may move `files`; `f` stays valid until the next call. */
        for (size_t k = 0; k < f->n; k++) {
            struct nolint *n = &f->v[k];
            if (d->loc.line < n->first || d->loc.line > n->last || !nolint_matches(n, d->rule))
                continue;
            n->used = true;
            if (!d->suppressed) {
                d->suppressed = true;
                kind_record_add(d, SUPPRESSED_IN_SOURCE);
            }
        }
    }
    if (o->warn_unused_suppressions) {
        /* Only comments that name a dumpcheck rule: a bare NOLINT or NOLINT(*)
         * may be there for another tool. */
        for (size_t i = 0; i < nfiles; i++)
            for (size_t k = 0; k < files[i].n; k++) {
                struct nolint *n = &files[i].v[k];
                if (n->used || n->malformed || !n->own || n->kind == NL_END || (n->kind == NL_BEGIN && !n->end))
                    continue;
                char *t = directive_text(n);
                loc_t l = {files[i].file, n->line, n->col};
                struct diag *d = diag_add(&added, SUPPRESSION_RULE, SEV_WARNING, l,
                                          "%s suppresses no finding%s", t,
                                          n->kind == NL_NEXTLINE ? " on the next line"
                                          : n->kind == NL_BEGIN   ? " in its region"
                                                                  : " on this line");
                d->subject = str_intern(t);
                free(t);
            }
    }
    for (size_t i = 0; i < nfiles; i++) {
        for (size_t k = 0; k < files[i].n; k++) {
            for (int e = 0; e < files[i].v[k].nentries; e++)
                free(files[i].v[k].entries[e]);
            free(files[i].v[k].entries);
            free(files[i].v[k].list);
        }
        free(files[i].v);
        free(files[i].canon);
    }
    free(files);
    if (added.n == 0) {
        diag_list_free(&added);
        return;
    }
    /* Move the tool findings over (their contents change owner). */
    for (size_t i = 0; i < added.n; i++) {
        if (findings->n == findings->cap) {
            findings->cap = findings->cap ? findings->cap * 2 : 16;
            findings->v = xrealloc(findings->v, findings->cap * sizeof *findings->v);
        }
        findings->v[findings->n++] = added.v[i];
    }
    free(added.v);
    diag_list_sort(findings);
}
