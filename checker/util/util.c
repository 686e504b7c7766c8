#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>
#include <dirent.h>
#include <strings.h>

static void out_of_memory(void)
{
    fputs("dumpcheck: error: out of memory\n", stderr);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *r = xmalloc(n + 1);
    memcpy(r, s, n);
    r[n] = 0;
    return r;
}

char *xvasprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *r = xmalloc((size_t)n + 1);
    vsnprintf(r, (size_t)n + 1, fmt, ap);
    return r;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *r = xvasprintf(fmt, ap);
    va_end(ap);
    return r;
}

/* ---- arena ---- */

struct arena_chunk {
    struct arena_chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

void *arena_alloc(struct arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    struct arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        /* Small first (many arenas hold a few KB: one TU's facts), then
         * doubling up to 64 KB per chunk. */
        size_t size = c ? (c->size < 65536 ? c->size * 2 : 65536) : 4096 - sizeof(*c);
        if (size < n)
            size = n;
        c = xmalloc(sizeof(*c) + size);
        c->next = a->head;
        c->used = 0;
        c->size = size;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    size_t n = strlen(s);
    char *r = arena_alloc(a, n + 1);
    memcpy(r, s, n);
    return r;
}

void arena_free(struct arena *a)
{
    struct arena_chunk *c = a->head;
    while (c) {
        struct arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}

/* ---- interned strings ----
 * Strings live in pages of ids that never move, so that str_get needs no
 * lock: an id is only ever handed out after its string is stored. Lookups
 * share a read lock; only a new string takes the write lock. */

enum { STRTAB_PAGE_BITS = 12, STRTAB_PAGE = 1 << STRTAB_PAGE_BITS, STRTAB_MAX_PAGES = 1 << 16 };

static pthread_rwlock_t strtab_lock = PTHREAD_RWLOCK_INITIALIZER;
static const char **strtab_pages[STRTAB_MAX_PAGES]; /* id -> string, by page */
static size_t strtab_count;                         /* ids in use, 0 included */
static uint32_t *strtab_slots;                      /* open addressing: id or 0 */
static size_t strtab_nslots;

static const char *strtab_at(size_t id)
{
    const char **page = __atomic_load_n(&strtab_pages[id >> STRTAB_PAGE_BITS], __ATOMIC_ACQUIRE);
    return page ? __atomic_load_n(&page[id & (STRTAB_PAGE - 1)], __ATOMIC_ACQUIRE) : NULL;
}

uint64_t hash_bytes(const void *p, size_t n, uint64_t seed)
{
    /* FNV-1a, 64 bit. */
    const unsigned char *b = p;
    uint64_t h = 1469598103934665603ULL ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ULL;
    }
    return h;
}

uint64_t hash_str(const char *s)
{
    return hash_bytes(s, strlen(s), 0);
}

static void strtab_grow(void)
{
    size_t nslots = strtab_nslots ? strtab_nslots * 2 : 4096;
    uint32_t *slots = xcalloc(nslots, sizeof(uint32_t));
    for (size_t id = 1; id < strtab_count; id++) {
        size_t i = hash_str(strtab_at(id)) & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = (uint32_t)id;
    }
    free(strtab_slots);
    strtab_slots = slots;
    strtab_nslots = nslots;
}

/* Called with the lock held (either way): the id of s, or 0 with *slot set
 * to where it would go. */
static str_id strtab_find(const char *s, size_t n, uint64_t h, size_t *slot)
{
    if (!strtab_nslots)
        return 0;
    size_t i = h & (strtab_nslots - 1);
    while (strtab_slots[i]) {
        const char *t = strtab_at(strtab_slots[i]);
        if (strncmp(t, s, n) == 0 && t[n] == 0)
            return strtab_slots[i];
        i = (i + 1) & (strtab_nslots - 1);
    }
    *slot = i;
    return 0;
}

str_id str_intern_n(const char *s, size_t n)
{
    if (!s || n == 0)
        return 0;
    uint64_t h = hash_bytes(s, n, 0);
    size_t slot = 0;
    pthread_rwlock_rdlock(&strtab_lock);
    str_id id = strtab_find(s, n, h, &slot);
    pthread_rwlock_unlock(&strtab_lock);
    if (id)
        return id;
    pthread_rwlock_wrlock(&strtab_lock);
    if (strtab_count == 0)
        strtab_count = 1;
    if ((strtab_count + 1) * 2 > strtab_nslots)
        strtab_grow();
    id = strtab_find(s, n, h, &slot);
    if (!id && strtab_count < (size_t)STRTAB_PAGE * STRTAB_MAX_PAGES) {
        size_t next = strtab_count;
        const char **page = strtab_pages[next >> STRTAB_PAGE_BITS];
        if (!page) {
            page = xcalloc(STRTAB_PAGE, sizeof *page);
            __atomic_store_n(&strtab_pages[next >> STRTAB_PAGE_BITS], page, __ATOMIC_RELEASE);
        }
        __atomic_store_n(&page[next & (STRTAB_PAGE - 1)], (const char *)xstrndup(s, n), __ATOMIC_RELEASE);
        id = (str_id)next;
        strtab_slots[slot] = id;
        strtab_count = next + 1;
    }
    pthread_rwlock_unlock(&strtab_lock);
    return id;
}

str_id str_intern(const char *s)
{
    return s ? str_intern_n(s, strlen(s)) : 0;
}

const char *str_get(str_id id)
{
    if (id == 0)
        return "";
    const char *s = strtab_at(id);
    return s ? s : "";
}

void strtab_reset(void)
{
    pthread_rwlock_wrlock(&strtab_lock);
    for (size_t p = 0; p < STRTAB_MAX_PAGES && strtab_pages[p]; p++) {
        for (size_t i = 0; i < STRTAB_PAGE; i++)
            free((char *)strtab_pages[p][i]);
        free(strtab_pages[p]);
        strtab_pages[p] = NULL;
    }
    free(strtab_slots);
    strtab_slots = NULL;
    strtab_count = strtab_nslots = 0;
    pthread_rwlock_unlock(&strtab_lock);
}

/* ---- u64map ---- */

static size_t u64map_slot(const uint64_t *keys, size_t cap, uint64_t key)
{
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 17) & (cap - 1);
    while (keys[i] && keys[i] != key)
        i = (i + 1) & (cap - 1);
    return i;
}

void u64map_put(struct u64map *m, uint64_t key, int64_t val)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        uint64_t *keys = xcalloc(cap, sizeof *keys);
        int64_t *vals = xcalloc(cap, sizeof *vals);
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                size_t j = u64map_slot(keys, cap, m->keys[i]);
                keys[j] = m->keys[i];
                vals[j] = m->vals[i];
            }
        free(m->keys);
        free(m->vals);
        m->keys = keys;
        m->vals = vals;
        m->cap = cap;
    }
    size_t i = u64map_slot(m->keys, m->cap, key);
    if (!m->keys[i])
        m->n++;
    m->keys[i] = key;
    m->vals[i] = val;
}

bool u64map_get(const struct u64map *m, uint64_t key, int64_t *val)
{
    if (!m->cap || !key)
        return false;
    size_t i = u64map_slot(m->keys, m->cap, key);
    if (!m->keys[i])
        return false;
    *val = m->vals[i];
    return true;
}

void u64map_free(struct u64map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* ---- strbuf ---- */

static void sb_reserve(struct strbuf *b, size_t extra)
{
    if (b->n + extra + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->n + extra + 1)
            cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
}

void sb_putc(struct strbuf *b, char c)
{
    sb_reserve(b, 1);
    b->s[b->n++] = c;
    b->s[b->n] = 0;
}

void sb_puts(struct strbuf *b, const char *s)
{
    size_t n = strlen(s);
    sb_reserve(b, n);
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

void sb_printf(struct strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    sb_puts(b, s);
    free(s);
}

char *sb_take(struct strbuf *b)
{
    char *s = b->s ? b->s : xstrdup("");
    b->s = NULL;
    b->n = b->cap = 0;
    return s;
}

char *read_file(const char *path, size_t *len_out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    struct strbuf b = {0};
    /* A regular file is read in one go into a buffer of its size; anything
     * else (a pipe, a file growing meanwhile) in chunks to its end. */
    bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
    size_t want = regular ? (size_t)st.st_size + 1 : 65536;
    for (;;) {
        sb_reserve(&b, want);
        ssize_t n = read(fd, b.s + b.n, b.cap - b.n - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int err = errno;
            close(fd);
            free(b.s);
            errno = err;
            return NULL;
        }
        if (n == 0)
            break;
        b.n += (size_t)n;
        b.s[b.n] = 0;
        /* All that stat promised: no need for one more call to see the end. */
        if (regular && b.n == (size_t)st.st_size)
            break;
        want = 65536;
    }
    close(fd);
    sb_reserve(&b, 1);
    b.s[b.n] = 0;
    if (len_out)
        *len_out = b.n;
    return sb_take(&b);
}

char *read_regular_file(const char *path, size_t max, size_t *len_out, const char **why)
{
    /* O_NONBLOCK: opening a FIFO nobody writes must not hang the run. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        *why = strerror(errno);
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int err = errno;
        *why = strerror(err);
        close(fd);
        errno = err;
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        *why = S_ISDIR(st.st_mode) ? "is a directory" : "is not a regular file";
        close(fd);
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        return NULL;
    }
    if ((uint64_t)st.st_size > max) {
        *why = "is larger than the limit";
        close(fd);
        errno = EFBIG;
        return NULL;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = xmalloc(cap + 1);
    for (;;) {
        if (n == cap) {
            if (cap > max) {
                /* It grew past the limit while being read. */
                free(buf);
                close(fd);
                *why = "is larger than the limit";
                errno = EFBIG;
                return NULL;
            }
            cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
            buf = xrealloc(buf, cap + 1);
        }
        ssize_t k = read(fd, buf + n, cap - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            int err = errno;
            *why = strerror(err);
            free(buf);
            close(fd);
            errno = err;
            return NULL;
        }
        if (k == 0)
            break;
        n += (size_t)k;
    }
    close(fd);
    if (n > max) {
        free(buf);
        *why = "is larger than the limit";
        errno = EFBIG;
        return NULL;
    }
    buf[n] = 0;
    if (len_out)
        *len_out = n;
    return buf;
}

bool write_file_atomically(const char *path, const void *data, size_t n)
{
    char *tmp = xasprintf("%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    bool ok = fd >= 0;
    if (ok) {
        const char *p = data;
        size_t off = 0;
        while (ok && off < n) {
            ssize_t w = write(fd, p + off, n - off);
            if (w < 0 && errno == EINTR)
                continue;
            ok = w > 0;
            if (ok)
                off += (size_t)w;
        }
        ok = close(fd) == 0 && ok;
        if (ok)
            ok = rename(tmp, path) == 0;
        if (!ok)
            unlink(tmp);
    }
    free(tmp);
    return ok;
}

bool folder_is_private(const char *path, const char **why)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        *why = strerror(errno);
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        *why = S_ISLNK(st.st_mode) ? "it is a symbolic link" : "it is not a folder";
        return false;
    }
    if (st.st_uid != geteuid()) {
        *why = "it belongs to another user";
        return false;
    }
    if (st.st_mode & (S_IWGRP | S_IWOTH)) {
        *why = "others may write to it";
        return false;
    }
    return true;
}

int output_open(struct output_file *o, const char *path)
{
    memset(o, 0, sizeof *o);
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            errno = EISDIR;
            return -1;
        }
        o->f = fopen(path, "w");
        if (!o->f)
            return -1;
        o->path = xstrdup(path);
        return 0;
    }
    o->tmp = xasprintf("%s.tmp-XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int err = errno;
        free(o->tmp);
        o->tmp = NULL;
        errno = err;
        return -1;
    }
    /* What the file would have had had it been created plainly. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->f = fdopen(fd, "w");
    if (!o->f) {
        int err = errno;
        close(fd);
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        errno = err;
        return -1;
    }
    o->path = xstrdup(path);
    return 0;
}

int output_commit(struct output_file *o)
{
    int rc = 0, err = 0;
    if (fflush(o->f) != 0 || ferror(o->f)) {
        rc = -1;
        err = errno ? errno : EIO;
    }
    if (fclose(o->f) != 0 && rc == 0) {
        rc = -1;
        err = errno;
    }
    o->f = NULL;
    if (o->tmp) {
        if (rc == 0 && rename(o->tmp, o->path) != 0) {
            rc = -1;
            err = errno;
        }
        if (rc != 0)
            unlink(o->tmp);
    }
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    errno = err;
    return rc;
}

void output_abandon(struct output_file *o)
{
    if (o->f)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}

void path_tidy(char *path)
{
    char *out = path;
    const char *in = path;
    bool absolute = path[0] == '/';
    while (*in) {
        while (*in == '/')
            in++;
        const char *end = in;
        while (*end && *end != '/')
            end++;
        size_t n = (size_t)(end - in);
        if (n == 0 || (n == 1 && in[0] == '.')) {
            /* skip */
        } else if (n == 2 && in[0] == '.' && in[1] == '.' && out > path) {
            while (out > path && *--out != '/')
                ;
        } else {
            if (out > path || absolute)
                *out++ = '/';
            memmove(out, in, n);
            out += n;
        }
        in = end;
    }
    if (out == path && absolute)
        *out++ = '/';
    *out = 0;
}

char *path_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

char *path_display(const char *path)
{
    /* Lexical clean-up: drop "." segments, fold "x/.." pairs. */
    size_t n = strlen(path);
    char *buf = xmalloc(n + 2);
    const char **seg = xmalloc(sizeof(char *) * (n / 2 + 2));
    size_t *len = xmalloc(sizeof(size_t) * (n / 2 + 2));
    size_t nseg = 0;
    bool absolute = path[0] == '/';
    for (const char *p = path; *p;) {
        while (*p == '/')
            p++;
        const char *start = p;
        while (*p && *p != '/')
            p++;
        size_t l = (size_t)(p - start);
        if (l == 0 || (l == 1 && start[0] == '.'))
            continue;
        if (l == 2 && start[0] == '.' && start[1] == '.' && nseg > 0 &&
            !(len[nseg - 1] == 2 && seg[nseg - 1][0] == '.' && seg[nseg - 1][1] == '.')) {
            nseg--;
            continue;
        }
        seg[nseg] = start;
        len[nseg++] = l;
    }
    size_t o = 0;
    if (absolute)
        buf[o++] = '/';
    for (size_t i = 0; i < nseg; i++) {
        if (i)
            buf[o++] = '/';
        memcpy(buf + o, seg[i], len[i]);
        o += len[i];
    }
    buf[o] = 0;
    free(seg);
    free(len);
    char cwd[PATH_MAX];
    if (absolute && getcwd(cwd, sizeof cwd)) {
        size_t c = strlen(cwd);
        if (c > 1 && strncmp(buf, cwd, c) == 0 && buf[c] == '/') {
            char *rel = xstrdup(buf + c + 1);
            free(buf);
            return rel;
        }
    }
    if (o == 0) {
        free(buf);
        return xstrdup(absolute ? "/" : ".");
    }
    return buf;
}

char *path_resolve_case(const char *path)
{
    if (!path || !path[0])
        return NULL;
    /* out holds the resolved folder so far: "/" or "" (relative) to start */
    bool absolute = path[0] == '/';
    struct strbuf out = {0};
    sb_puts(&out, absolute ? "/" : "");
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char *name = xstrndup(p, n);
        bool at_root = out.n == 0 || (out.n == 1 && out.s[0] == '/');
        const char *dir = out.n ? out.s : ".";
        char *exact = xasprintf("%s%s%s", out.n ? out.s : "", at_root ? "" : "/", name);
        char *found = NULL;
        if (access(exact, F_OK) == 0 || !strcmp(name, ".") || !strcmp(name, "..")) {
            found = xstrdup(name);
        } else {
            DIR *d = opendir(dir);
            struct dirent *de;
            int matches = 0;
            while (d && (de = readdir(d)) != NULL)
                if (strcasecmp(de->d_name, name) == 0 && matches++ == 0)
                    found = xstrdup(de->d_name);
            if (d)
                closedir(d);
            if (matches != 1) {
                free(found);
                found = NULL;
            }
        }
        free(exact);
        free(name);
        if (!found) {
            free(out.s);
            return NULL;
        }
        if (!at_root)
            sb_puts(&out, "/");
        sb_puts(&out, found);
        free(found);
        p += n;
    }
    return sb_take(&out);
}
