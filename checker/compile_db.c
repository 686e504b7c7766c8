#include "compile_db.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Large projects' databases run to hundreds of megabytes. */
#define COMPILE_DB_MAX ((size_t)1 << 30)

/* Its real path, for matching the files the user names; NULL if none. */
static char *real_path_of(const char *p)
{
    char buf[PATH_MAX];
    return realpath(p, buf) ? xstrdup(buf) : NULL;
}

static void line_col(const char *text, const char *where, unsigned *line, unsigned *col)
{
    *line = 1;
    *col = 1;
    for (const char *q = text; q < where; q++, (*col)++)
        if (*q == '\n')
            (*line)++, *col = 0;
}

/* cJSON decodes "\u0000" into a string it then sees end there: refuse it
 * rather than read a shorter string than the file holds. */
static const char *escaped_nul(const char *text, size_t len)
{
    for (size_t i = 0; i + 6 <= len; i++) {
        if (text[i] != '\\' || text[i + 1] != 'u' || memcmp(text + i + 2, "0000", 4) != 0)
            continue;
        size_t slashes = 0;
        for (size_t k = i; k > 0 && text[k - 1] == '\\'; k--)
            slashes++;
        if (slashes % 2 == 0)
            return text + i;
    }
    return NULL;
}

static char *entry_error(const char *path, int index, const cJSON *e, const char *what)
{
    const cJSON *f = cJSON_IsObject(e) ? cJSON_GetObjectItemCaseSensitive(e, "file") : NULL;
    if (cJSON_IsString(f))
        return xasprintf("malformed compilation database '%s': entry %d ('%s') %s", path, index + 1, f->valuestring,
                         what);
    return xasprintf("malformed compilation database '%s': entry %d %s", path, index + 1, what);
}

static int read_entry(const char *path, const char *db_dir, int index, const cJSON *e, struct compile_command *c,
                      char **error)
{
    if (!cJSON_IsObject(e)) {
        *error = entry_error(path, index, e, "is not an object {directory, file, command or arguments}");
        return -1;
    }
    const cJSON *dir = cJSON_GetObjectItemCaseSensitive(e, "directory");
    const cJSON *file = cJSON_GetObjectItemCaseSensitive(e, "file");
    const cJSON *args = cJSON_GetObjectItemCaseSensitive(e, "arguments");
    const cJSON *command = cJSON_GetObjectItemCaseSensitive(e, "command");
    if (!cJSON_IsString(dir) || !dir->valuestring[0]) {
        *error = entry_error(path, index, e, "has no \"directory\" string");
        return -1;
    }
    if (!cJSON_IsString(file) || !file->valuestring[0]) {
        *error = entry_error(path, index, e, "has no \"file\" string");
        return -1;
    }
    if (args) {
        if (!cJSON_IsArray(args) || cJSON_GetArraySize(args) == 0) {
            *error = entry_error(path, index, e, "has \"arguments\" that are not a list of strings");
            return -1;
        }
        const cJSON *a;
        cJSON_ArrayForEach(a, args) {
            if (!cJSON_IsString(a)) {
                strlist_free(&c->argv);
                *error = entry_error(path, index, e, "has \"arguments\" that are not a list of strings");
                return -1;
            }
            strlist_push(&c->argv, a->valuestring);
        }
    } else if (cJSON_IsString(command)) {
        split_command_line(command->valuestring, strlen(command->valuestring), false, &c->argv);
        if (c->argv.n == 0) {
            *error = entry_error(path, index, e, "has an empty \"command\"");
            return -1;
        }
    } else {
        *error = entry_error(path, index, e, command ? "has a \"command\" that is not a string"
                                                     : "has neither \"arguments\" nor \"command\"");
        return -1;
    }
    const char *d = dir->valuestring;
    c->directory = d[0] == '/' ? xstrdup(d) : xasprintf("%s/%s", db_dir, d);
    const char *f = file->valuestring;
    c->file = f[0] == '/' ? xstrdup(f) : xasprintf("%s/%s", c->directory, f);
    return 0;
}

int compile_db_read(const char *path, struct compile_db *db, char **error)
{
    memset(db, 0, sizeof *db);
    *error = NULL;
    const char *why;
    size_t len;
    char *text = read_regular_file(path, COMPILE_DB_MAX, &len, &why);
    if (!text) {
        *error = xasprintf("cannot read the compilation database '%s': %s%s", path, !strncmp(why, "is ", 3) ? "it " : "",
                           why);
        return -1;
    }
    const char *nul = memchr(text, 0, len);
    if (!nul)
        nul = escaped_nul(text, len);
    if (nul) {
        unsigned line, col;
        line_col(text, nul, &line, &col);
        *error = xasprintf("%s:%u:%u: malformed compilation database: a NUL character", path, line, col);
        free(text);
        return -1;
    }
    const char *end = NULL;
    cJSON *json = cJSON_ParseWithLengthOpts(text, len, &end, false);
    if (json && end)
        while (end < text + len && (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
            end++;
    if (!json || (end && end != text + len)) {
        const char *where = json ? end : cJSON_GetErrorPtr();
        if (where && where >= text && where <= text + len) {
            unsigned line, col;
            line_col(text, where, &line, &col);
            *error = xasprintf("%s:%u:%u: malformed compilation database: not valid JSON", path, line, col);
        } else {
            *error = xasprintf("malformed compilation database '%s': not valid JSON", path);
        }
        cJSON_Delete(json);
        free(text);
        return -1;
    }
    free(text);
    if (!cJSON_IsArray(json)) {
        *error = xasprintf("malformed compilation database '%s': expected a list of {directory, file, command or arguments}",
                           path);
        cJSON_Delete(json);
        return -1;
    }
    char *db_dir = xstrdup(path);
    char *slash = strrchr(db_dir, '/');
    if (slash)
        *slash = 0;
    else
        strcpy(db_dir, ".");
    int n = cJSON_GetArraySize(json);
    db->cmds = xcalloc((size_t)n + 1, sizeof *db->cmds);
    const cJSON *e;
    int index = 0;
    cJSON_ArrayForEach(e, json) {
        if (read_entry(path, db_dir, index, e, &db->cmds[db->n], error) != 0) {
            free(db_dir);
            cJSON_Delete(json);
            compile_db_free(db);
            return -1;
        }
        db->n++;
        index++;
    }
    free(db_dir);
    cJSON_Delete(json);
    return 0;
}

void compile_db_free(struct compile_db *db)
{
    for (int i = 0; i < db->n; i++) {
        free(db->cmds[i].directory);
        free(db->cmds[i].file);
        strlist_free(&db->cmds[i].argv);
    }
    free(db->cmds);
    if (db->real)
        for (int i = 0; i < db->n; i++)
            free(db->real[i]);
    free(db->real);
    memset(db, 0, sizeof *db);
}

const struct compile_command *compile_db_find(struct compile_db *db, const char *file)
{
    for (int i = 0; i < db->n; i++)
        if (!strcmp(db->cmds[i].file, file))
            return &db->cmds[i];
    char *want = real_path_of(file);
    if (!want)
        return NULL;
    if (!db->real && db->n > 0) {
        db->real = xcalloc((size_t)db->n, sizeof *db->real);
        for (int i = 0; i < db->n; i++)
            db->real[i] = real_path_of(db->cmds[i].file);
    }
    const struct compile_command *found = NULL;
    for (int i = 0; i < db->n && !found; i++)
        if (db->real[i] && !strcmp(db->real[i], want))
            found = &db->cmds[i];
    free(want);
    return found;
}

/* "x86_64-w64-mingw32" of "x86_64-w64-mingw32-gcc" (or -g++, -clang,
 * -cc, with a version or .exe after), or NULL. */
static char *target_of_compiler(const char *compiler)
{
    const char *base = strrchr(compiler, '/');
    base = base ? base + 1 : compiler;
    static const char *const tools[] = {"-clang++", "-clang", "-g++", "-gcc", "-c++", "-cc"};
    for (size_t t = 0; t < sizeof tools / sizeof tools[0]; t++) {
        const char *hit = strstr(base, tools[t]);
        if (!hit || hit == base)
            continue;
        const char *after = hit + strlen(tools[t]);
        if (*after && *after != '-' && strcmp(after, ".exe") != 0)
            continue;
        char *prefix = xstrndup(base, (size_t)(hit - base));
        /* A triple has an architecture and at least one more part. */
        if (strchr(prefix, '-') && strspn(prefix, "abcdefghijklmnopqrstuvwxyz0123456789_.-") == strlen(prefix))
            return prefix;
        free(prefix);
    }
    return NULL;
}

/* Is `a` (as the command spells it, relative to dir) the file whose real
 * path is `real` (resolved on the first call: *real NULL)? */
static bool same_file(const char *a, const char *file, const char *dir, char **real, bool *resolved)
{
    if (!*resolved) {
        *real = real_path_of(file);
        *resolved = true;
    }
    if (!*real)
        return false;
    char *pa = a[0] == '/' ? xstrdup(a) : xasprintf("%s/%s", dir, a);
    char *ra = real_path_of(pa);
    bool same = ra && !strcmp(ra, *real);
    free(pa);
    free(ra);
    return same;
}

void compile_command_args(const struct compile_command *c, struct strlist *out)
{
    char *target = c->argv.n > 0 ? target_of_compiler(c->argv.v[0]) : NULL;
    if (target) {
        strlist_push_take(out, xasprintf("--target=%s", target));
        free(target);
    }
    size_t dlen = strlen(c->directory);
    char *real = NULL;
    bool resolved = false;
    for (int i = 1; i < c->argv.n; i++) {
        const char *a = c->argv.v[i];
        /* The source file itself, however the entry spells it. */
        if (a[0] != '-') {
            bool is_src = !strcmp(a, c->file) ||
                          (!strncmp(c->file, c->directory, dlen) && c->file[dlen] == '/' && !strcmp(a, c->file + dlen + 1)) ||
                          same_file(a, c->file, c->directory, &real, &resolved);
            if (is_src)
                continue;
        }
        strlist_push(out, a);
    }
    free(real);
}
