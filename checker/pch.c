/* Precompiled headers of the leading #include block (see pch.h). */
#include "pch.h"
#include "cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

/* How long saving a precompiled header may take before it is given up. */
#define PCH_SAVE_SECONDS 120

static bool is_hspace(char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

/* Skips a // comment (with line continuations); returns the position of
 * the line break that ends it, or n. */
static size_t skip_line_comment(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] != '\n') {
        if (s[i] == '\\' && i + 1 < n && s[i + 1] == '\n')
            i++;
        else if (s[i] == '\\' && i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n')
            i += 2;
        i++;
    }
    return i;
}

/* Skips a block comment starting at i ("/ *"); returns the position after
 * it, or (size_t)-1 when it is not terminated. */
static size_t skip_block_comment(const char *s, size_t n, size_t i)
{
    for (i += 2; i + 1 < n; i++)
        if (s[i] == '*' && s[i + 1] == '/')
            return i + 2;
    return (size_t)-1;
}

/* The end of a directive's logical line starting at i (after the name):
 * the position after its line break. (size_t)-1 on an unterminated
 * comment or literal. */
static size_t directive_end(const char *s, size_t n, size_t i)
{
    while (i < n) {
        char c = s[i];
        if (c == '\n')
            return i + 1;
        if (c == '\\' && i + 1 < n && (s[i + 1] == '\n' || s[i + 1] == '\r')) {
            i += s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n' ? 3 : 2;
            continue;
        }
        if (c == '/' && i + 1 < n && s[i + 1] == '/') {
            i = skip_line_comment(s, n, i);
            continue;
        }
        if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            i = skip_block_comment(s, n, i);
            if (i == (size_t)-1)
                return i;
            continue;
        }
        if (c == '"' || c == '\'') {
            size_t j = i + 1;
            while (j < n && s[j] != c && s[j] != '\n') {
                if (s[j] == '\\' && j + 1 < n)
                    j++;
                j++;
            }
            if (j >= n || s[j] == '\n')
                return (size_t)-1;
            i = j + 1;
            continue;
        }
        i++;
    }
    return n; /* the last line has no line break */
}

/* One #define/#undef of the block: the macro's name and the directive. */
struct dline {
    char *name;
    char *text;
    bool undef;
};

static void add_probe(struct strbuf *h, const struct dline *d)
{
    /* After the block the macro must be what this line left it: the
     * source re-executes the line after the header, and a header of the
     * block that changed the macro again would make that differ. */
    sb_printf(h, "#if%sdef %s\n#error the block changes a macro the source sets\n#endif\n", d->undef ? "" : "n",
              d->name);
    if (!d->undef) {
        sb_puts(h, "#pragma clang diagnostic push\n#pragma clang diagnostic error \"-Wmacro-redefined\"\n");
        sb_puts(h, d->text);
        sb_puts(h, "#pragma clang diagnostic pop\n");
    }
}

int pch_prefix_scan(const char *s, size_t n, struct pch_prefix *out)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    struct strbuf h = {0};
    size_t hlen_at_include = 0;
    struct dline *dl = NULL;
    int ndl = 0, ndl_at_include = 0;
    while (i < n) {
        char c = s[i];
        if (is_hspace(c) || c == '\n') {
            i++;
        } else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
            i = skip_line_comment(s, n, i);
        } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            i = skip_block_comment(s, n, i);
            if (i == (size_t)-1)
                break;
        } else if (c == '#') {
            size_t j = i + 1;
            while (j < n && is_hspace(s[j]))
                j++;
            size_t k = j;
            while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || s[k] == '_'))
                k++;
            size_t len = k - j;
            bool include = len == 7 && !memcmp(s + j, "include", 7);
            bool define = len == 6 && !memcmp(s + j, "define", 6);
            bool undef = len == 5 && !memcmp(s + j, "undef", 5);
            if (!include && !define && !undef)
                break;
            size_t e = directive_end(s, n, k);
            /* Only complete lines ending in a line break. */
            if (e == (size_t)-1 || (e == n && s[n - 1] != '\n'))
                break;
            char *text = xstrndup(s + i, e - i);
            sb_puts(&h, text);
            if (include) {
                out->len = e;
                hlen_at_include = h.n;
                ndl_at_include = ndl;
                free(text);
            } else {
                size_t m = k;
                while (m < e && is_hspace(s[m]))
                    m++;
                size_t q = m;
                while (q < e && (s[q] == '_' || (s[q] >= 'a' && s[q] <= 'z') || (s[q] >= 'A' && s[q] <= 'Z') ||
                                 (s[q] >= '0' && s[q] <= '9')))
                    q++;
                if (q == m) {
                    free(text);
                    break;
                }
                dl = xrealloc(dl, sizeof *dl * (size_t)(ndl + 1));
                dl[ndl].name = xstrndup(s + m, q - m);
                dl[ndl].text = text;
                dl[ndl].undef = undef;
                ndl++;
            }
            i = e;
        } else {
            break;
        }
    }
    if (out->len) {
        /* The block ends with its last #include; the probes follow. */
        h.n = hlen_at_include;
        h.s[h.n] = 0;
        for (int d = 0; d < ndl_at_include; d++) {
            bool last = true;
            for (int e = d + 1; e < ndl_at_include; e++)
                if (!strcmp(dl[e].name, dl[d].name))
                    last = false;
            if (last)
                add_probe(&h, &dl[d]);
        }
        out->header_len = h.n;
        out->header = sb_take(&h);
    }
    free(h.s);
    for (int d = 0; d < ndl; d++) {
        free(dl[d].name);
        free(dl[d].text);
    }
    free(dl);
    return out->len ? 0 : -1;
}

void pch_prefix_free(struct pch_prefix *p)
{
    free(p->header);
    memset(p, 0, sizeof *p);
}

struct incl_ctx {
    CXFile main;
    char ***v;
    int *n;
    int cap;
};

static void visit_inclusion(CXFile f, CXSourceLocation *stack, unsigned len, CXClientData data)
{
    (void)stack;
    (void)len;
    struct incl_ctx *c = data;
    if (c->main && clang_File_isEqual(f, c->main))
        return;
    CXString s = clang_getFileName(f);
    const char *name = clang_getCString(s);
    if (name && name[0]) {
        if (*c->n == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 64;
            *c->v = xrealloc(*c->v, sizeof(char *) * (size_t)c->cap);
        }
        /* The file's own path, not the name it was included by: through
         * the case-insensitive overlay "NtDDK.h" is read from ntddk.h, and
         * only the latter can be hashed again by a later run. */
        char *real = access(name, F_OK) == 0 ? NULL : path_resolve_case(name);
        (*c->v)[(*c->n)++] = real ? real : xstrdup(name);
    }
    clang_disposeString(s);
}

void pch_collect_inclusions(CXTranslationUnit tu, char ***v, int *n)
{
    struct incl_ctx c = {NULL, v, n, *n};
    CXString sp = clang_getTranslationUnitSpelling(tu);
    c.main = clang_getFile(tu, clang_getCString(sp));
    clang_disposeString(sp);
    clang_getInclusions(tu, visit_inclusion, &c);
}

struct guard_ctx {
    CXTranslationUnit tu;
    CXFile main;
    bool all_guarded;
};

static void check_guarded(CXFile f, CXSourceLocation *stack, unsigned len, CXClientData data)
{
    struct guard_ctx *g = data;
    if (len == 0 || !g->main)
        return;
    CXFile from;
    clang_getExpansionLocation(stack[0], &from, NULL, NULL, NULL);
    if (from && clang_File_isEqual(from, g->main) && !clang_isFileMultipleIncludeGuarded(g->tu, f))
        g->all_guarded = false;
}

static char *dir_of(const char *file)
{
    const char *slash = strrchr(file, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == file)
        return xstrdup("/");
    return xstrndup(file, (size_t)(slash - file));
}

/* libclang's handler for a failed write (full disk, quota, file-size
 * limit) aborts the process: the header is saved by a child, whose end
 * says whether it could be, and the run goes on without it if not. */
static bool save_in_child(CXTranslationUnit tu, const char *path)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return false;
    if (pid == 0) {
        /* Its complaint would only repeat what the parent reports. */
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, 2);
        signal(SIGXFSZ, SIG_DFL);
        /* A lock another thread held at the fork cannot hang the run. */
        alarm(PCH_SAVE_SECONDS);
        _exit(clang_saveTranslationUnit(tu, path, clang_defaultSaveOptions(tu)) == CXSaveError_None ? 0 : 1);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return false;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return true;
    unlink(path);
    return false;
}

int pch_build(CXIndex index, const char *dir, const char *stem, const char *prefix, size_t plen,
              const struct tu_spec *t, bool exact_case, const struct lower_options *lo, struct pch *out)
{
    memset(out, 0, sizeof *out);
    char *hdr = xasprintf("%s/%s.h", dir, stem);
    /* The precompiled header records this file's time: rewrite it only when
     * it differs, so a header another run keeps stays valid. */
    size_t have_len;
    char *have = read_file(hdr, &have_len);
    bool same = have && have_len == plen && memcmp(have, prefix, plen) == 0;
    free(have);
    if (!same && !write_file_atomically(hdr, prefix, plen)) {
        free(hdr);
        return -1;
    }
    /* Quoted includes of the block resolve from the source's folder first,
     * as they would in the source itself. */
    int nargs;
    const char **args = tu_spec_args(t, exact_case, 2, 0, &nargs);
    char *maindir = dir_of(t->file);
    args[0] = "-iquote";
    args[1] = maindir;
    CXTranslationUnit tu = NULL;
    unsigned flags = CXTranslationUnit_Incomplete | CXTranslationUnit_ForSerialization;
    enum CXErrorCode err = clang_parseTranslationUnit2(index, hdr, args, nargs, NULL, 0, flags, &tu);
    free(args);
    free(maindir);
    int rc = -1;
    if (err != CXError_Success || !tu)
        goto out;
    unsigned nd = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < nd; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        bool error = clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error;
        clang_disposeDiagnostic(d);
        if (error)
            goto out;
    }
    out->path = xasprintf("%s/%s.pch", dir, stem);
    char *tmp_pch = xasprintf("%s/%s.pch.tmp-%ld", dir, stem, (long)getpid());
    if (!save_in_child(tu, tmp_pch) || rename(tmp_pch, out->path) != 0) {
        unlink(tmp_pch);
        free(tmp_pch);
        goto out;
    }
    free(tmp_pch);
    /* The source includes the block's headers again after the precompiled
     * header: each must be skipped then, by an include guard or #pragma once. */
    struct guard_ctx gc = {tu, NULL, true};
    CXString sp = clang_getTranslationUnitSpelling(tu);
    gc.main = clang_getFile(tu, clang_getCString(sp));
    clang_disposeString(sp);
    clang_getInclusions(tu, check_guarded, &gc);
    if (!gc.all_guarded)
        goto out;
    pch_collect_inclusions(tu, &out->deps, &out->ndeps);
    struct tu_facts pf;
    memset(&pf, 0, sizeof pf);
    lower_translation_unit(tu, lo, &pf);
    facts_serialize(&pf, &out->facts);
    tu_facts_free(&pf);
    rc = 0;
out:
    if (tu)
        clang_disposeTranslationUnit(tu);
    if (rc != 0)
        pch_free(out);
    /* The header stays: diagnostics and locations of the PCH refer to it. */
    free(hdr);
    return rc;
}

void pch_free(struct pch *p)
{
    free(p->path);
    for (int i = 0; i < p->ndeps; i++)
        free(p->deps[i]);
    free(p->deps);
    free(p->facts.p);
    memset(p, 0, sizeof *p);
}

void pch_save(const char *dir, const char *stem, const struct pch *p, struct file_hashes *fh)
{
    struct strbuf deps = {0};
    /* the facts' checksum first: a damaged facts file is not trusted */
    sb_printf(&deps, "%016llx facts\n", (unsigned long long)content_hash(p->facts.p, p->facts.n, 0));
    for (int i = 0; i < p->ndeps; i++) {
        uint64_t h;
        if (!file_hashes_get(fh, p->deps[i], &h))
            return; /* a file it read is gone already: not worth keeping */
        sb_printf(&deps, "%016llx %s\n", (unsigned long long)h, p->deps[i]);
    }
    char *facts = xasprintf("%s/%s.facts", dir, stem);
    char *dpath = xasprintf("%s/%s.deps", dir, stem);
    /* the facts first: the deps file is what makes an entry visible */
    if (write_file_atomically(facts, p->facts.p, p->facts.n))
        write_file_atomically(dpath, deps.s ? deps.s : "", deps.n);
    free(facts);
    free(dpath);
    free(deps.s);
}

int pch_load(const char *dir, const char *stem, struct file_hashes *fh, struct pch *out)
{
    memset(out, 0, sizeof *out);
    char *dpath = xasprintf("%s/%s.deps", dir, stem);
    char *fpath = xasprintf("%s/%s.facts", dir, stem);
    char *ppath = xasprintf("%s/%s.pch", dir, stem);
    size_t dlen = 0, flen = 0;
    char *deps = read_file(dpath, &dlen);
    char *facts = deps ? read_file(fpath, &flen) : NULL;
    int rc = -1;
    if (!deps || !facts || access(ppath, R_OK) != 0)
        goto done;
    unsigned long long sum;
    char *line = deps;
    char *nl = strchr(line, '\n');
    if (!nl || sscanf(line, "%16llx facts\n", &sum) != 1 || content_hash(facts, flen, 0) != sum)
        goto done;
    for (line = nl + 1; *line;) {
        char *nl = strchr(line, '\n');
        if (!nl)
            goto done;
        *nl = 0;
        char *sp = strchr(line, ' ');
        uint64_t want, have;
        if (!sp || sscanf(line, "%16llx", (unsigned long long *)&want) != 1 || !file_hashes_get(fh, sp + 1, &have) ||
            have != want)
            goto done;
        out->deps = xrealloc(out->deps, sizeof(char *) * (size_t)(out->ndeps + 1));
        out->deps[out->ndeps++] = xstrdup(sp + 1);
        line = nl + 1;
    }
    out->facts.p = (unsigned char *)facts;
    out->facts.n = out->facts.cap = flen;
    facts = NULL;
    out->path = ppath;
    ppath = NULL;
    cache_mark_used(dpath); /* not the header: the precompiled header records its time */
    rc = 0;
done:
    if (rc != 0)
        pch_free(out);
    free(deps);
    free(facts);
    free(dpath);
    free(fpath);
    free(ppath);
    return rc;
}
