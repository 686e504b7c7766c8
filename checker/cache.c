/* The per-translation-unit facts cache (see cache.h).
 *
 * Entry file DIR/facts-v<layout>/<key as 16 hex digits>:
 *   "DCFACTS\n"                 8 bytes
 *   layout version, facts format version   u64 (high, low 32 bits)
 *   key                          u64
 *   payload length               u64
 *   payload checksum             u64 (content_hash of the payload)
 *   payload: uvar system_header_errors, str first_system_error,
 *            uvar ndeps, ndeps x (str path, u64 content hash),
 *            the facts encoding (facts_io.c) to the end */
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "facts_io.h"

/* ------------------------------------------------------------------ */
/* hashing                                                             */

static inline uint64_t load64(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static inline uint64_t rotl64(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static inline uint64_t avalanche(uint64_t x)
{
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ULL;
    x ^= x >> 27;
    x *= 0x81dadef4bc2dd44dULL;
    x ^= x >> 33;
    return x;
}

uint64_t content_hash(const void *data, size_t n, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t a = seed ^ 0x243f6a8885a308d3ULL;
    uint64_t b = rotl64(seed, 32) ^ 0x13198a2e03707344ULL;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        a = rotl64(a ^ (load64(p + i) * 0x9e3779b97f4a7c15ULL), 29) * 0xbf58476d1ce4e5b9ULL;
        b = rotl64(b ^ (load64(p + i + 8) * 0xc2b2ae3d27d4eb4fULL), 31) * 0x94d049bb133111ebULL;
    }
    unsigned char tail[16] = {0};
    memcpy(tail, p + i, n - i);
    a = rotl64(a ^ (load64(tail) * 0x9e3779b97f4a7c15ULL), 29) * 0xbf58476d1ce4e5b9ULL;
    b = rotl64(b ^ (load64(tail + 8) * 0xc2b2ae3d27d4eb4fULL), 31) * 0x94d049bb133111ebULL;
    return avalanche(a ^ rotl64(b, 17) ^ avalanche((uint64_t)n + seed));
}

void keyhash_init(struct keyhash *k, const char *domain)
{
    k->h = content_hash(domain, strlen(domain), 0x6475636b);
}

void keyhash_bytes(struct keyhash *k, const void *p, size_t n)
{
    k->h = content_hash(p, n, k->h);
}

void keyhash_u64(struct keyhash *k, uint64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    keyhash_bytes(k, b, 8);
}

void keyhash_str(struct keyhash *k, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    keyhash_u64(k, s ? n : UINT64_MAX);
    keyhash_bytes(k, s ? s : "", n);
}

/* ------------------------------------------------------------------ */
/* file content hashes, memoised                                       */

struct fh_entry {
    char *path;
    uint64_t hash;
    bool ok;
};

struct file_hashes {
    pthread_mutex_t lock;
    const struct options *o;
    struct fh_entry *slots;
    size_t nslots, count;
};

struct file_hashes *file_hashes_new(const struct options *o)
{
    struct file_hashes *fh = xcalloc(1, sizeof *fh);
    pthread_mutex_init(&fh->lock, NULL);
    fh->o = o;
    fh->nslots = 1024;
    fh->slots = xcalloc(fh->nslots, sizeof *fh->slots);
    return fh;
}

void file_hashes_free(struct file_hashes *fh)
{
    if (!fh)
        return;
    for (size_t i = 0; i < fh->nslots; i++)
        free(fh->slots[i].path);
    free(fh->slots);
    pthread_mutex_destroy(&fh->lock);
    free(fh);
}

static struct fh_entry *fh_find(struct file_hashes *fh, const char *path)
{
    size_t i = (size_t)hash_str(path) & (fh->nslots - 1);
    while (fh->slots[i].path && strcmp(fh->slots[i].path, path))
        i = (i + 1) & (fh->nslots - 1);
    return &fh->slots[i];
}

static void fh_insert(struct file_hashes *fh, const char *path, uint64_t hash, bool ok)
{
    if ((fh->count + 1) * 2 > fh->nslots) {
        struct fh_entry *old = fh->slots;
        size_t nold = fh->nslots;
        fh->nslots *= 2;
        fh->slots = xcalloc(fh->nslots, sizeof *fh->slots);
        for (size_t i = 0; i < nold; i++)
            if (old[i].path)
                *fh_find(fh, old[i].path) = old[i];
        free(old);
    }
    struct fh_entry *e = fh_find(fh, path);
    if (e->path)
        return;
    e->path = xstrdup(path);
    e->hash = hash;
    e->ok = ok;
    fh->count++;
}

bool file_hashes_get(struct file_hashes *fh, const char *path, uint64_t *hash)
{
    pthread_mutex_lock(&fh->lock);
    struct fh_entry *e = fh_find(fh, path);
    if (e->path) {
        bool ok = e->ok;
        *hash = e->hash;
        pthread_mutex_unlock(&fh->lock);
        return ok;
    }
    pthread_mutex_unlock(&fh->lock);
    bool ok = false;
    uint64_t h = 0;
    for (int i = 0; i < fh->o->nunsaved; i++)
        if (!strcmp(fh->o->unsaved[i].path, path)) {
            h = content_hash(fh->o->unsaved[i].contents, fh->o->unsaved[i].len, 0);
            ok = true;
            break;
        }
    if (!ok) {
        size_t len;
        char *text = read_file(path, &len);
        if (text) {
            h = content_hash(text, len, 0);
            ok = true;
            free(text);
        }
    }
    pthread_mutex_lock(&fh->lock);
    fh_insert(fh, path, h, ok);
    pthread_mutex_unlock(&fh->lock);
    *hash = h;
    return ok;
}

/* ------------------------------------------------------------------ */
/* entries                                                             */

struct facts_cache {
    char *dir;          /* DIR/facts-vN */
    struct file_hashes *fh;
};

static const char magic[8] = {'D', 'C', 'F', 'A', 'C', 'T', 'S', '\n'};
enum { HEADER_SIZE = 8 + 8 * 4 };

static int mkdir_p(const char *path)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = 0;
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = mkdir(p, 0755) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}

struct facts_cache *cache_open(const struct options *o, struct file_hashes *fh)
{
    if (o->no_cache)
        return NULL;
    char *base;
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    if (o->cache_dir && o->cache_dir[0])
        base = xstrdup(o->cache_dir);
    else if (xdg && xdg[0] == '/')
        base = xasprintf("%s/dumpcheck", xdg);
    else if (home && home[0])
        base = xasprintf("%s/.cache/dumpcheck", home);
    else
        return NULL;
    char *dir = xasprintf("%s/facts-v%u", base, CACHE_LAYOUT_VERSION);
    free(base);
    if (mkdir_p(dir) != 0 || access(dir, R_OK | W_OK | X_OK) != 0) {
        free(dir);
        return NULL;
    }
    struct facts_cache *c = xcalloc(1, sizeof *c);
    c->dir = dir;
    c->fh = fh;
    return c;
}

void cache_close(struct facts_cache *c)
{
    if (!c)
        return;
    free(c->dir);
    free(c);
}

const char *cache_dir(const struct facts_cache *c)
{
    return c->dir;
}

static char *entry_path(const struct facts_cache *c, uint64_t key)
{
    return xasprintf("%s/%016llx", c->dir, (unsigned long long)key);
}

static uint64_t versions_word(void)
{
    return (uint64_t)CACHE_LAYOUT_VERSION << 32 | FACTS_FORMAT_VERSION;
}

bool cache_load(struct facts_cache *c, uint64_t key, struct tu_facts *facts, struct cache_meta *meta)
{
    memset(meta, 0, sizeof *meta);
    char *path = entry_path(c, key);
    size_t len;
    char *data = read_file(path, &len);
    free(path);
    if (!data)
        return false;
    bool hit = false;
    struct bytereader r = {(const unsigned char *)data, len, 0, false};
    if (len < HEADER_SIZE || memcmp(data, magic, 8) != 0)
        goto out;
    r.pos = 8;
    if (br_u64(&r) != versions_word() || br_u64(&r) != key)
        goto out;
    uint64_t plen = br_u64(&r);
    uint64_t sum = br_u64(&r);
    if (r.bad || plen != len - HEADER_SIZE || content_hash(data + HEADER_SIZE, (size_t)plen, key) != sum)
        goto out;
    uint64_t nsys = br_uvar(&r);
    size_t n;
    const char *first = br_str(&r, &n);
    uint64_t ndeps = br_uvar(&r);
    if (r.bad || nsys > INT32_MAX || ndeps > len)
        goto out;
    for (uint64_t i = 0; i < ndeps; i++) {
        size_t plen2;
        const char *p = br_str(&r, &plen2);
        uint64_t want = br_u64(&r);
        if (r.bad)
            goto out;
        char *dep = xstrndup(p, plen2);
        uint64_t have;
        bool ok = file_hashes_get(c->fh, dep, &have);
        free(dep);
        if (!ok || have != want)
            goto out;
    }
    if (facts_deserialize(data + r.pos, len - r.pos, facts) != 0)
        goto out;
    meta->system_header_errors = (int)nsys;
    meta->first_system_error = n ? xstrndup(first, n) : NULL;
    hit = true;
out:
    free(data);
    return hit;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void cache_store(struct facts_cache *c, uint64_t key, const struct tu_facts *facts, const struct cache_meta *meta,
                 char **deps, int ndeps)
{
    char **sorted = xcalloc((size_t)(ndeps > 0 ? ndeps : 1), sizeof *sorted);
    if (ndeps > 0)
        memcpy(sorted, deps, sizeof *sorted * (size_t)ndeps);
    qsort(sorted, (size_t)ndeps, sizeof *sorted, cmp_str);
    struct bytebuf payload = {0};
    bb_uvar(&payload, (uint64_t)(meta->system_header_errors > 0 ? meta->system_header_errors : 0));
    bb_str(&payload, meta->first_system_error ? meta->first_system_error : "");
    int nuniq = 0;
    for (int i = 0; i < ndeps; i++)
        if (i == 0 || strcmp(sorted[i], sorted[i - 1]))
            sorted[nuniq++] = sorted[i];
    bb_uvar(&payload, (uint64_t)nuniq);
    for (int i = 0; i < nuniq; i++) {
        uint64_t h;
        if (!file_hashes_get(c->fh, sorted[i], &h))
            goto out;
        bb_str(&payload, sorted[i]);
        bb_u64(&payload, h);
    }
    facts_serialize(facts, &payload);

    struct bytebuf file = {0};
    bb_bytes(&file, magic, 8);
    bb_u64(&file, versions_word());
    bb_u64(&file, key);
    bb_u64(&file, payload.n);
    bb_u64(&file, content_hash(payload.p, payload.n, key));
    bb_bytes(&file, payload.p, payload.n);

    char *tmp = xasprintf("%s/.tmp-%016llx-XXXXXX", c->dir, (unsigned long long)key);
    int fd = mkstemp(tmp);
    if (fd >= 0) {
        size_t off = 0;
        bool ok = true;
        while (off < file.n) {
            ssize_t w = write(fd, file.p + off, file.n - off);
            if (w < 0) {
                if (errno == EINTR)
                    continue;
                ok = false;
                break;
            }
            off += (size_t)w;
        }
        if (close(fd) != 0)
            ok = false;
        char *path = entry_path(c, key);
        if (!ok || rename(tmp, path) != 0)
            unlink(tmp);
        free(path);
    }
    free(tmp);
    free(file.p);
out:
    free(payload.p);
    free(sorted);
}
