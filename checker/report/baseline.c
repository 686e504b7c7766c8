/* Baselines: a file of accepted findings, so a legacy driver can gate only
 * new ones.
 *
 *   {
 *     "dumpcheck-baseline": 1,
 *     "findings": [
 *       {"rule": "dump-unload-leak", "file": "src/unload.c", "function": "Dump_Unload",
 *        "fingerprint": "5f0c2a9d0e31b7c4", "message": "..."}
 *     ]
 *   }
 *
 * `file` is relative to the current directory; `fingerprint` is the hex of
 * diag_fingerprint() computed with that relative name and mixed with the
 * reported line's text without white space (diag_fingerprint_as), so
 * neither moving code within the file nor moving the checkout changes it. A finding is
 * accepted when rule, file, function and fingerprint match an entry (each
 * entry accepts one finding); line numbers are never compared. `message`
 * is for people reading the file.
 *
 * --write-baseline writes the findings that no NOLINT suppresses and then
 * accepts them (the run reports nothing new); with --baseline as well, the
 * new file holds everything still found, so fixed findings drop out. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "suppress.h"
#include "../lsp/lsp.h"

void suppression_kind_record(const struct diag *d, enum suppression_kind k);

#define BASELINE_FORMAT 1

struct entry {
    char *rule, *file, *function, *fingerprint;
    bool consumed;
};

struct key {
    char *file;
    char fingerprint[17];
};

static void key_of(struct source_cache *sc, const struct diag *d, struct key *k)
{
    char cwd[4096];
    const char *root = getcwd(cwd, sizeof cwd) ? cwd : ".";
    k->file = d->loc.file ? path_relative_to(str_get(d->loc.file), root) : xstrdup("");
    size_t len = 0;
    const char *line = source_cache_line(sc, d->loc.file, d->loc.line, &len);
    snprintf(k->fingerprint, sizeof k->fingerprint, "%016" PRIx64, diag_fingerprint_as(d, k->file, line, len));
}

static void entries_free(struct entry *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].rule);
        free(v[i].file);
        free(v[i].function);
        free(v[i].fingerprint);
    }
    free(v);
}

static const char *json_string(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Returns 0, or -1 with a problem added. */
static int read_baseline(const char *path, struct entry **out, size_t *nout, struct diag_list *problems)
{
    loc_t none = {0};
    size_t len;
    const char *reason;
    char *text = read_regular_file(path, INPUT_FILE_MAX, &len, &reason);
    if (!text) {
        if (errno == EFBIG)
            diag_add(problems, NULL, SEV_ERROR, none, "cannot read the baseline '%s': it is larger than the %zu MiB a baseline may be",
                     path, INPUT_FILE_MAX >> 20);
        else
            diag_add(problems, NULL, SEV_ERROR, none, "cannot read the baseline '%s': %s%s", path,
                     !strncmp(reason, "is ", 3) ? "it " : "", reason);
        return -1;
    }
    cJSON *root = cJSON_ParseWithLength(text, len);
    free(text);
    const char *why = NULL;
    const cJSON *list = NULL;
    if (!root)
        why = "it is not valid JSON";
    else if (!cJSON_IsObject(root) || !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(root, "dumpcheck-baseline")))
        why = "the \"dumpcheck-baseline\" version is missing";
    else if (cJSON_GetObjectItemCaseSensitive(root, "dumpcheck-baseline")->valuedouble != BASELINE_FORMAT)
        why = "it was written in a format version this dumpcheck does not read";
    else if (!cJSON_IsArray(list = cJSON_GetObjectItemCaseSensitive(root, "findings")))
        why = "the \"findings\" array is missing";
    struct entry *v = NULL;
    size_t n = 0;
    int index = 0;
    const cJSON *it;
    if (!why)
        cJSON_ArrayForEach(it, list) {
            const char *rule = json_string(it, "rule"), *file = json_string(it, "file");
            const char *function = json_string(it, "function"), *fp = json_string(it, "fingerprint");
            if (!rule || !file || !function || !fp) {
                diag_add(problems, NULL, SEV_ERROR, none,
                         "the baseline '%s' is malformed: finding %d lacks one of \"rule\", \"file\", "
                         "\"function\", \"fingerprint\" (strings)",
                         path, index);
                entries_free(v, n);
                cJSON_Delete(root);
                return -1;
            }
            v = xrealloc(v, (n + 1) * sizeof *v);
            v[n].rule = xstrdup(rule);
            v[n].file = xstrdup(file);
            v[n].function = xstrdup(function);
            v[n].fingerprint = xstrdup(fp);
            v[n].consumed = false;
            n++;
            index++;
        }
    cJSON_Delete(root);
    if (why) {
        diag_add(problems, NULL, SEV_ERROR, none, "the baseline '%s' is malformed: %s", path, why);
        return -1;
    }
    *out = v;
    *nout = n;
    return 0;
}

struct row {
    const struct diag *d;
    struct key k;
};

static int row_cmp(const void *pa, const void *pb)
{
    const struct row *a = pa, *b = pb;
    int c = strcmp(a->k.file, b->k.file);
    if (!c)
        c = strcmp(str_get(a->d->function), str_get(b->d->function));
    if (!c)
        c = strcmp(a->d->rule ? a->d->rule : "", b->d->rule ? b->d->rule : "");
    if (!c)
        c = strcmp(a->k.fingerprint, b->k.fingerprint);
    return c;
}

static int write_baseline(const char *path, struct row *rows, size_t n, struct diag_list *problems)
{
    loc_t none = {0};
    qsort(rows, n, sizeof *rows, row_cmp);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "dumpcheck-baseline", BASELINE_FORMAT);
    cJSON *list = cJSON_AddArrayToObject(root, "findings");
    for (size_t i = 0; i < n; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "rule", rows[i].d->rule ? rows[i].d->rule : "");
        cJSON_AddStringToObject(e, "file", rows[i].k.file);
        cJSON_AddStringToObject(e, "function", str_get(rows[i].d->function));
        cJSON_AddStringToObject(e, "fingerprint", rows[i].k.fingerprint);
        cJSON_AddStringToObject(e, "message", rows[i].d->msg ? rows[i].d->msg : "");
        cJSON_AddItemToArray(list, e);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    /* A fresh temporary file beside it (never a fixed name another run or
     * a planted link could hold), renamed over it once complete. */
    struct output_file of;
    int rc = -1;
    if (output_open(&of, path) == 0) {
        fputs(text, of.f);
        fputc('\n', of.f);
        errno = 0;
        rc = output_commit(&of);
    }
    if (rc != 0)
        diag_add(problems, NULL, SEV_ERROR, none, "cannot write the baseline '%s': %s", path, strerror(errno ? errno : EIO));
    free(text);
    return rc;
}

int baseline_apply(const struct options *o, struct diag_list *findings, struct diag_list *problems)
{
    if (!o->baseline && !o->write_baseline)
        return 0;
    struct entry *entries = NULL;
    size_t nentries = 0;
    if (o->baseline && read_baseline(o->baseline, &entries, &nentries, problems) != 0)
        return -1;
    /* The findings no NOLINT suppresses, with their keys. */
    struct row *rows = xcalloc(findings->n + 1, sizeof *rows);
    size_t nrows = 0;
    struct source_cache sc;
    source_cache_init(&sc, o);
    for (size_t i = 0; i < findings->n; i++) {
        struct diag *d = &findings->v[i];
        if (d->suppressed || !d->rule)
            continue;
        rows[nrows].d = d;
        key_of(&sc, d, &rows[nrows].k);
        nrows++;
    }
    source_cache_free(&sc);
    int rc = 0;
    if (o->write_baseline) {
        struct row *copy = xmalloc((nrows + 1) * sizeof *copy);
        memcpy(copy, rows, nrows * sizeof *rows);
        rc = write_baseline(o->write_baseline, copy, nrows, problems);
        free(copy);
        if (rc == 0 && !o->quiet) {
            loc_t none = {0};
            diag_add(problems, NULL, SEV_NOTE, none, "recorded %zu finding%s in the baseline '%s'", nrows,
                     nrows == 1 ? "" : "s", o->write_baseline);
        }
    }
    if (rc == 0) {
        for (size_t i = 0; i < nrows; i++) {
            struct diag *d = (struct diag *)rows[i].d;
            bool accept = !o->baseline;   /* a freshly written baseline accepts everything */
            for (size_t k = 0; k < nentries && !accept; k++) {
                struct entry *e = &entries[k];
                if (!e->consumed && !strcmp(e->rule, d->rule) && !strcmp(e->file, rows[i].k.file) &&
                    !strcmp(e->function, str_get(d->function)) && !strcmp(e->fingerprint, rows[i].k.fingerprint)) {
                    e->consumed = true;
                    accept = true;
                }
            }
            if (accept) {
                d->suppressed = true;
                suppression_kind_record(d, SUPPRESSED_EXTERNAL);
            }
        }
    }
    for (size_t i = 0; i < nrows; i++)
        free(rows[i].k.file);
    free(rows);
    entries_free(entries, nentries);
    return rc;
}
