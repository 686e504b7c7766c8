/* Small shared utilities: growable vectors, an arena, interned strings. */
#ifndef DUMPCHECK_UTIL_H
#define DUMPCHECK_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>

/* Growable array: struct { T *v; size_t n, cap; }. */
#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_PUSH(vec, item)                                                   \
    do {                                                                      \
        if ((vec).n == (vec).cap) {                                           \
            (vec).cap = (vec).cap ? (vec).cap * 2 : 8;                        \
            (vec).v = xrealloc((vec).v, (vec).cap * sizeof(*(vec).v));        \
        }                                                                     \
        (vec).v[(vec).n++] = (item);                                          \
    } while (0)
#define VEC_FREE(vec) do { free((vec).v); (vec).v = NULL; (vec).n = (vec).cap = 0; } while (0)

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Bump allocator: everything allocated from it is freed at once. */
struct arena_chunk;
struct arena {
    struct arena_chunk *head;
};
void *arena_alloc(struct arena *a, size_t n);       /* zeroed */
char *arena_strdup(struct arena *a, const char *s);
void arena_free(struct arena *a);

/* Interned strings: one id per distinct string, stable for the process.
 * Id 0 is the empty/absent string. Thread-safe. */
typedef uint32_t str_id;
str_id str_intern(const char *s);
str_id str_intern_n(const char *s, size_t n);
const char *str_get(str_id id);
void strtab_reset(void);

/* Map from a non-zero 64-bit key (a pointer, a string id, a hash) to an
 * integer; open addressing. */
struct u64map {
    uint64_t *keys;
    int64_t *vals;
    size_t cap, n;
};
void u64map_put(struct u64map *m, uint64_t key, int64_t val);
bool u64map_get(const struct u64map *m, uint64_t key, int64_t *val);
void u64map_free(struct u64map *m);

/* A growable text buffer. */
struct strbuf {
    char *s;
    size_t n, cap;
};
void sb_putc(struct strbuf *b, char c);
void sb_puts(struct strbuf *b, const char *s);
void sb_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *sb_take(struct strbuf *b);  /* returns the string (never NULL), resets b */

/* Whole-file read; returns NULL and sets errno on failure. */
char *read_file(const char *path, size_t *len_out);
/* An input the user or a project names (a source, a configuration, a
 * baseline, a response file): read only when it is a regular file of at
 * most `max` bytes (a FIFO, a device or /dev/zero is never read, nor is a
 * file that grows past the limit while read). NULL with *why saying what it
 * is instead (a static string: "is a directory", "is not a regular file",
 * "is larger than the limit", or strerror); errno is kept. */
char *read_regular_file(const char *path, size_t max, size_t *len_out, const char **why);
/* The size limit of a source file, a configuration or a baseline. */
#define INPUT_FILE_MAX ((size_t)64 << 20)
/* A path (absolute, or relative to the working folder) with each component
 * that does not exist as written replaced by the one entry of its folder
 * that matches it in another case (how Windows finds "NtDDK.h"); NULL when
 * some component has no such single match. */
char *path_resolve_case(const char *path);
/* Writes through a temporary file and a rename, so a concurrent reader sees
 * the old file or the new one, never a part. */
bool write_file_atomically(const char *path, const void *data, size_t n);

/* A folder dumpcheck may keep files in that others could plant links or
 * forged files in otherwise: a directory (not a link to one) owned by the
 * user and writable by no one else. False with *why saying what it is. */
bool folder_is_private(const char *path, const char **why);
/* Opens `path` for writing the way a report or a baseline is written: a
 * regular file (or a new one) is written to a fresh temporary file beside
 * it (O_EXCL, never through a link) that output_commit renames over it; a
 * device or pipe the user named (/dev/stdout, a FIFO) is written in place. */
struct output_file {
    FILE *f;
    char *path, *tmp;      /* tmp NULL: written in place */
};
int output_open(struct output_file *o, const char *path);
/* Flushes, checks every write and closes; renames a temporary file into
 * place. -1 with errno when anything failed (nothing renamed then). */
int output_commit(struct output_file *o);
/* Closes and removes a temporary file without renaming it. */
void output_abandon(struct output_file *o);

/* Drops "." and empty components and resolves ".." lexically, in place
 * (symbolic links are kept, as the user named them). */
void path_tidy(char *path);
/* The folder part of `path` ("." when it has none, "/" for the root). malloc'd. */
char *path_dir(const char *path);

/* A path as users like to read it: `a/./b/../c` tidied, and relative to
 * the current directory when it lies inside it. malloc'd. */
char *path_display(const char *path);

uint64_t hash_bytes(const void *p, size_t n, uint64_t seed);
uint64_t hash_str(const char *s);

#endif
