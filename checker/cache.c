/* The facts cache of repeated runs (see cache.h).
 *
 * DIR/facts-v<layout>/
 *   <key>            an entry: one translation unit's own facts
 *   deps-<id>        the headers an entry's parse read, with content hashes
 *   prefix-<id>      the facts of a shared header block (pch.h)
 *   stamps           what stat said of each header when it was hashed
 * Keys and ids are 16 hex digits. Entries of the TUs of a driver usually
 * share one set of headers and one header block: those are stored and
 * checked once per run, not once per TU. */
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

/* What stat says of a file; equal stamps on a settled file mean equal
 * content (see stamp_settled). */
struct stamp {
    uint64_t dev, ino, size, mtime_ns, ctime_ns;
};

struct fh_entry {
    char *path;
    uint64_t hash;
    bool ok;
    bool known;              /* hash is this run's (checked or computed) */
    bool has_stamp;          /* stamp + hash recorded by a run, maybe this one */
    struct stamp stamp;
};

struct file_hashes {
    pthread_mutex_t lock;
    const struct options *o;
    struct fh_entry *slots;
    size_t nslots, count;
    char *stamps_path;       /* NULL: no stamp file */
    bool stamps_loaded, stamps_dirty;
    int nread, nstamped;     /* files hashed from their content / known by stamp */
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
    free(fh->stamps_path);
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

/* The entry for `path`, created empty if absent. */
static struct fh_entry *fh_entry_for(struct file_hashes *fh, const char *path)
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
    if (!e->path) {
        e->path = xstrdup(path);
        fh->count++;
    }
    return e;
}

static bool stamp_of(const char *path, struct stamp *st)
{
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return false;
    st->dev = (uint64_t)sb.st_dev;
    st->ino = (uint64_t)sb.st_ino;
    st->size = (uint64_t)sb.st_size;
    st->mtime_ns = (uint64_t)sb.st_mtim.tv_sec * 1000000000ULL + (uint64_t)sb.st_mtim.tv_nsec;
    st->ctime_ns = (uint64_t)sb.st_ctim.tv_sec * 1000000000ULL + (uint64_t)sb.st_ctim.tv_nsec;
    return true;
}

static bool stamp_equal(const struct stamp *a, const struct stamp *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->mtime_ns == b->mtime_ns &&
           a->ctime_ns == b->ctime_ns;
}

/* A stamp taken before the file was read vouches for the content read only
 * if the file had not been touched for a while: a write in the same clock
 * tick as the read could leave both times unchanged (the "racy" case git's
 * index handles the same way). Any later write, or a reset of the
 * modification time, moves the change time past the recorded one. */
enum { STAMP_SETTLE_SECONDS = 3 };

static bool stamp_settled(const struct stamp *st)
{
    struct timespec now;
    if (clock_gettime(CLOCK_REALTIME, &now) != 0)
        return false;
    uint64_t limit = ((uint64_t)now.tv_sec - STAMP_SETTLE_SECONDS) * 1000000000ULL;
    return st->mtime_ns < limit && st->ctime_ns < limit;
}

/* ---- the stamp file: DIR/stamps ----
 *   "DCSTAMP\n", layout version u64, payload length u64, checksum u64,
 *   payload: uvar n, n x (str path, u64 dev, ino, size, mtime, ctime, hash) */

static const char stamps_magic[8] = {'D', 'C', 'S', 'T', 'A', 'M', 'P', '\n'};
enum { STAMPS_HEADER = 8 + 8 * 3, MAX_STAMPS = 200000 };

/* Called with fh->lock held. A damaged file is ignored (and replaced). */
static void stamps_load(struct file_hashes *fh)
{
    fh->stamps_loaded = true;
    if (!fh->stamps_path)
        return;
    size_t len;
    char *data = read_file(fh->stamps_path, &len);
    if (!data)
        return;
    struct bytereader r = {(const unsigned char *)data, len, 8, false};
    if (len < STAMPS_HEADER || memcmp(data, stamps_magic, 8) != 0 || br_u64(&r) != CACHE_LAYOUT_VERSION) {
        free(data);
        return;
    }
    uint64_t plen = br_u64(&r), sum = br_u64(&r);
    if (r.bad || plen != len - STAMPS_HEADER || content_hash(data + STAMPS_HEADER, (size_t)plen, 0) != sum) {
        free(data);
        return;
    }
    uint64_t n = br_uvar(&r);
    for (uint64_t i = 0; i < n && !r.bad && i < MAX_STAMPS; i++) {
        size_t plen2;
        const char *p = br_str(&r, &plen2);
        struct stamp st;
        st.dev = br_u64(&r);
        st.ino = br_u64(&r);
        st.size = br_u64(&r);
        st.mtime_ns = br_u64(&r);
        st.ctime_ns = br_u64(&r);
        uint64_t h = br_u64(&r);
        if (r.bad || plen2 == 0 || memchr(p, 0, plen2))
            break;
        char *path = xstrndup(p, plen2);
        struct fh_entry *e = fh_entry_for(fh, path);
        free(path);
        if (!e->known && !e->has_stamp) {
            e->has_stamp = true;
            e->stamp = st;
            e->hash = h;
        }
    }
    free(data);
}

void file_hashes_counts(struct file_hashes *fh, int *read, int *stamped)
{
    pthread_mutex_lock(&fh->lock);
    *read = fh->nread;
    *stamped = fh->nstamped;
    pthread_mutex_unlock(&fh->lock);
}

void file_hashes_use_stamps(struct file_hashes *fh, const char *path)
{
    pthread_mutex_lock(&fh->lock);
    free(fh->stamps_path);
    fh->stamps_path = xstrdup(path);
    fh->stamps_loaded = false;
    pthread_mutex_unlock(&fh->lock);
}

void file_hashes_save_stamps(struct file_hashes *fh)
{
    pthread_mutex_lock(&fh->lock);
    if (fh->stamps_path && !fh->stamps_dirty) {
        /* Nothing new to record, but the file's time still says when a run
         * last ended: cache_expects_parse compares the sources with it, and
         * a source edited and then restored (or whose edit was already
         * cached) would otherwise load libclang on every later run. */
        utimensat(AT_FDCWD, fh->stamps_path, NULL, 0);
    }
    if (!fh->stamps_path || !fh->stamps_dirty) {
        pthread_mutex_unlock(&fh->lock);
        return;
    }
    /* This run's files first; others' (other drivers sharing the folder)
     * while there is room. */
    struct bytebuf payload = {0};
    uint64_t n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < fh->nslots; i++) {
            struct fh_entry *e = &fh->slots[i];
            if (e->path && e->has_stamp && e->known == (pass == 0) && n < MAX_STAMPS)
                n++;
        }
    bb_uvar(&payload, n);
    uint64_t written = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < fh->nslots && written < n; i++) {
            struct fh_entry *e = &fh->slots[i];
            if (!e->path || !e->has_stamp || e->known != (pass == 0))
                continue;
            bb_str(&payload, e->path);
            bb_u64(&payload, e->stamp.dev);
            bb_u64(&payload, e->stamp.ino);
            bb_u64(&payload, e->stamp.size);
            bb_u64(&payload, e->stamp.mtime_ns);
            bb_u64(&payload, e->stamp.ctime_ns);
            bb_u64(&payload, e->hash);
            written++;
        }
    fh->stamps_dirty = false;
    char *path = xstrdup(fh->stamps_path);
    pthread_mutex_unlock(&fh->lock);
    struct bytebuf file = {0};
    bb_bytes(&file, stamps_magic, 8);
    bb_u64(&file, CACHE_LAYOUT_VERSION);
    bb_u64(&file, payload.n);
    bb_u64(&file, content_hash(payload.p, payload.n, 0));
    bb_bytes(&file, payload.p, payload.n);
    write_file_atomically(path, file.p, file.n);
    free(path);
    free(file.p);
    free(payload.p);
}

bool file_hashes_get(struct file_hashes *fh, const char *path, uint64_t *hash)
{
    for (int i = 0; i < fh->o->nunsaved; i++)
        if (!strcmp(fh->o->unsaved[i].path, path)) {
            *hash = content_hash(fh->o->unsaved[i].contents, fh->o->unsaved[i].len, 0);
            return true;
        }
    pthread_mutex_lock(&fh->lock);
    if (!fh->stamps_loaded)
        stamps_load(fh);
    struct fh_entry *e = fh_find(fh, path);
    if (e->path && e->known) {
        bool ok = e->ok;
        *hash = e->hash;
        pthread_mutex_unlock(&fh->lock);
        return ok;
    }
    struct stamp recorded = e->path && e->has_stamp ? e->stamp : (struct stamp){0};
    uint64_t recorded_hash = e->hash;
    bool had_stamp = e->path && e->has_stamp;
    pthread_mutex_unlock(&fh->lock);

    /* The stamp first, then the content: a write after the stamp only
     * makes the stamp stale, never vouches for the wrong content. */
    struct stamp now;
    bool stamped = stamp_of(path, &now);
    bool ok = false, settled = false;
    uint64_t h = 0;
    if (stamped && had_stamp && stamp_equal(&now, &recorded) && stamp_settled(&now)) {
        h = recorded_hash;
        ok = true;
        settled = true;
    } else {
        size_t len;
        char *text = read_file(path, &len);
        if (text) {
            h = content_hash(text, len, 0);
            ok = true;
            free(text);
            settled = stamped && stamp_settled(&now);
        }
    }
    pthread_mutex_lock(&fh->lock);
    e = fh_entry_for(fh, path);
    if (!e->known) {
        e->known = true;
        if (ok && h == recorded_hash && had_stamp && settled && stamp_equal(&recorded, &now))
            fh->nstamped++;
        else
            fh->nread++;
        e->ok = ok;
        e->hash = h;
        bool changed = !had_stamp || !settled || !stamp_equal(&recorded, &now) || h != recorded_hash;
        e->has_stamp = ok && settled;
        if (e->has_stamp)
            e->stamp = now;
        if (changed && (e->has_stamp || had_stamp))
            fh->stamps_dirty = true;
    }
    ok = e->ok;
    *hash = e->hash;
    pthread_mutex_unlock(&fh->lock);
    return ok;
}
/* ------------------------------------------------------------------ */
/* objects: entries and what they refer to                             */

/* Every object file: magic (8 bytes), layout and facts format versions,
 * its key or id, payload length, payload checksum (content_hash of the
 * payload seeded with the key), then the payload. Entries are named by
 * their key; the objects they share (a set of headers with their content
 * hashes, a header block's facts) by a hash of their content, so many
 * entries refer to one copy. */
static const char entry_magic[8] = {'D', 'C', 'F', 'A', 'C', 'T', 'S', '\n'};
static const char depset_magic[8] = {'D', 'C', 'D', 'E', 'P', 'S', '\n', 0};
static const char prefix_magic[8] = {'D', 'C', 'P', 'R', 'E', 'F', 'X', '\n'};
enum { HEADER_SIZE = 8 + 8 * 4 };

struct prefix_memo {
    uint64_t id;
    bool is_cplusplus;
    struct shared_facts *facts;   /* NULL: not loadable */
};

struct facts_cache {
    char *base;                   /* DIR */
    char *dir;                    /* DIR/facts-vN */
    struct file_hashes *fh;
    pthread_mutex_t lock;         /* guards the memos below */
    struct u64map depsets;        /* depset id -> 1 valid, 2 not (checked this run) */
    struct u64map on_disk;        /* shared object ids known to be stored */
    struct prefix_memo *prefixes;
    int nprefixes;
    uint64_t max_bytes;           /* --cache-max-size; 0: no limit */
    atomic_bool wrote;            /* the folder may have grown */
};

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

/* The cache folder for the options, or NULL (no cache, no place for one).
 * It holds facts-vN/ (the entries and the stamp file) and pch-vN/. */
char *cache_folder(const struct options *o)
{
    if (o->no_cache)
        return NULL;
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    if (o->cache_dir && o->cache_dir[0])
        return xstrdup(o->cache_dir);
    if (xdg && xdg[0] == '/')
        return xasprintf("%s/dumpcheck", xdg);
    if (home && home[0])
        return xasprintf("%s/.cache/dumpcheck", home);
    return NULL;
}

static char *facts_dir_of(const char *base)
{
    return xasprintf("%s/facts-v%u", base, CACHE_LAYOUT_VERSION);
}

static char *stamps_path_of(const char *base)
{
    return xasprintf("%s/facts-v%u/stamps", base, CACHE_LAYOUT_VERSION);
}

bool is_tagged_cache_folder(const char *dir)
{
    char *tag = xasprintf("%s/" CACHEDIR_TAG_NAME, dir);
    char head[sizeof CACHEDIR_TAG_SIGNATURE - 1];
    bool tagged = false;
    FILE *f = fopen(tag, "rb");
    if (f) {
        tagged = fread(head, 1, sizeof head, f) == sizeof head && !memcmp(head, CACHEDIR_TAG_SIGNATURE, sizeof head);
        fclose(f);
    }
    free(tag);
    return tagged;
}

bool cache_expects_parse(const struct options *o)
{
    if (o->nfiles == 0 || o->nunsaved > 0)
        return true;
    char *base = cache_folder(o);
    if (!base)
        return true;
    char *stamps = stamps_path_of(base);
    free(base);
    struct stamp recorded, now;
    bool expect = !stamp_of(stamps, &recorded);
    free(stamps);
    for (int i = 0; i < o->nfiles && !expect; i++)
        expect = !stamp_of(o->files[i], &now) || now.mtime_ns >= recorded.mtime_ns;
    return expect;
}

/* The cache folder carries the standard cache-directory tag: backup tools
 * skip it, and so does dumpcheck when it lists a source tree's headers
 * (project.c), which a cache folder inside the tree would otherwise change
 * on every run. */
static void tag_cache_folder(const char *base)
{
    char *tag = xasprintf("%s/" CACHEDIR_TAG_NAME, base);
    if (access(tag, F_OK) != 0) {
        static const char text[] = CACHEDIR_TAG_SIGNATURE "\n"
                                   "# This folder holds dumpcheck's cache of facts and precompiled headers.\n"
                                   "# It can be deleted at any time; dumpcheck rebuilds what it needs.\n";
        write_file_atomically(tag, text, sizeof text - 1);
    }
    free(tag);
}

uint64_t cache_max_bytes(const struct options *o)
{
    return o->has_cache_max_size ? o->cache_max_size : CACHE_DEFAULT_MAX_BYTES;
}

struct facts_cache *cache_open(const struct options *o, struct file_hashes *fh)
{
    char *base = cache_folder(o);
    if (!base)
        return NULL;
    char *dir = facts_dir_of(base);
    /* Entries are facts the analyses trust and files a trim removes: a
     * folder someone else could write to (plant links, forge entries) is
     * not used, nor written to. */
    const char *why = NULL;
    const char *unsafe = NULL;
    if (mkdir_p(base) == 0 && !folder_is_private(base, &why))
        unsafe = base;
    else if (mkdir_p(dir) != 0 || access(dir, R_OK | W_OK | X_OK) != 0) {
        free(dir);
        free(base);
        return NULL;
    } else if (!folder_is_private(dir, &why))
        unsafe = dir;
    /* Something else where the folder should be: no cache, as when it
     * cannot be made. */
    struct stat st;
    bool not_a_folder = unsafe && lstat(unsafe, &st) == 0 && !S_ISDIR(st.st_mode) && !S_ISLNK(st.st_mode);
    if (unsafe && !not_a_folder)
        fprintf(stderr, "dumpcheck: warning: the cache folder '%s' is not used: %s\n", unsafe, why);
    if (unsafe) {
        free(dir);
        free(base);
        return NULL;
    }
    tag_cache_folder(base);
    struct facts_cache *c = xcalloc(1, sizeof *c);
    c->base = base;
    c->dir = dir;
    c->fh = fh;
    c->max_bytes = cache_max_bytes(o);
    pthread_mutex_init(&c->lock, NULL);
    char *stamps = stamps_path_of(base);
    file_hashes_use_stamps(fh, stamps);
    free(stamps);
    return c;
}

void cache_close(struct facts_cache *c)
{
    if (!c)
        return;
    file_hashes_save_stamps(c->fh);
    if (atomic_load(&c->wrote) && c->max_bytes)
        cache_trim_if_due(c->base, c->max_bytes);
    for (int i = 0; i < c->nprefixes; i++)
        shared_facts_release(c->prefixes[i].facts);
    free(c->prefixes);
    u64map_free(&c->depsets);
    u64map_free(&c->on_disk);
    pthread_mutex_destroy(&c->lock);
    free(c->dir);
    free(c->base);
    free(c);
}

void cache_note_written(struct facts_cache *c)
{
    atomic_store(&c->wrote, true);
}

char *cache_path(const struct facts_cache *c, const char *name)
{
    return xasprintf("%s/%s", c->base, name);
}

static char *object_path(const struct facts_cache *c, const char *kind, uint64_t id)
{
    return xasprintf("%s/%s%016llx", c->dir, kind, (unsigned long long)id);
}

static uint64_t versions_word(void)
{
    return (uint64_t)CACHE_LAYOUT_VERSION << 32 | FACTS_FORMAT_VERSION;
}

/* Reads an object and checks everything its header promises; returns the
 * file's bytes (payload at HEADER_SIZE, *plen bytes) or NULL. */
static char *object_read(const struct facts_cache *c, const char *magic, const char *kind, uint64_t id, size_t *plen)
{
    char *path = object_path(c, kind, id);
    size_t len = 0;
    char *data = read_file(path, &len);
    struct bytereader r = {(const unsigned char *)data, len, 8, false};
    uint64_t n = 0;
    bool ok = data && len >= HEADER_SIZE && memcmp(data, magic, 8) == 0 && br_u64(&r) == versions_word() &&
              br_u64(&r) == id;
    if (ok) {
        n = br_u64(&r);
        uint64_t sum = br_u64(&r);
        ok = !r.bad && n == len - HEADER_SIZE && content_hash(data + HEADER_SIZE, (size_t)n, id) == sum;
    }
    if (ok)
        cache_mark_used(path);
    free(path);
    if (!ok) {
        free(data);
        return NULL;
    }
    *plen = (size_t)n;
    return data;
}

static void object_write(struct facts_cache *c, const char *magic, const char *kind, uint64_t id,
                         const struct bytebuf *payload)
{
    struct bytebuf file = {0};
    bb_bytes(&file, magic, 8);
    bb_u64(&file, versions_word());
    bb_u64(&file, id);
    bb_u64(&file, payload->n);
    bb_u64(&file, content_hash(payload->p, payload->n, id));
    bb_bytes(&file, payload->p, payload->n);
    char *path = object_path(c, kind, id);
    write_file_atomically(path, file.p, file.n);
    cache_note_written(c);
    free(path);
    free(file.p);
}

/* Ids of shared objects: a content hash, never 0 (0 means "none"). */
static uint64_t object_id(const void *p, size_t n, uint64_t domain)
{
    uint64_t id = content_hash(p, n, domain);
    return id ? id : 1;
}

enum { DEPSET_DOMAIN = 0x64657073, PREFIX_DOMAIN = 0x70726566 };

/* ---- depsets: the headers a parse read, with their content hashes ---- */

/* Called with c->lock held: every header still has the recorded content. */
static bool depset_check(struct facts_cache *c, uint64_t id)
{
    size_t plen;
    char *data = object_read(c, depset_magic, "deps-", id, &plen);
    if (!data)
        return false;
    struct bytereader r = {(const unsigned char *)data + HEADER_SIZE, plen, 0, false};
    bool ok = object_id(r.p, plen, DEPSET_DOMAIN) == id;
    uint64_t n = br_uvar(&r);
    if (n > plen)
        ok = false;
    for (uint64_t i = 0; ok && i < n; i++) {
        size_t len;
        const char *p = br_str(&r, &len);
        uint64_t want = br_u64(&r);
        if (r.bad || len == 0 || memchr(p, 0, len)) {
            ok = false;
            break;
        }
        char *dep = xstrndup(p, len);
        uint64_t have;
        ok = file_hashes_get(c->fh, dep, &have) && have == want;
        free(dep);
    }
    if (ok && r.pos != r.n)
        ok = false;
    free(data);
    return ok;
}

static bool depset_valid(struct facts_cache *c, uint64_t id)
{
    pthread_mutex_lock(&c->lock);
    int64_t state;
    if (!u64map_get(&c->depsets, id, &state)) {
        state = depset_check(c, id) ? 1 : 2;
        u64map_put(&c->depsets, id, state);
        if (state == 1)
            u64map_put(&c->on_disk, id, 1);
    }
    pthread_mutex_unlock(&c->lock);
    return state == 1;
}

/* Stores the set (sorted, unique paths) unless already there; returns its
 * id, or 0 when a header cannot be read (nothing worth storing then). */
static uint64_t depset_store(struct facts_cache *c, char **sorted, int n)
{
    struct bytebuf payload = {0};
    bb_uvar(&payload, (uint64_t)n);
    for (int i = 0; i < n; i++) {
        uint64_t h;
        if (!file_hashes_get(c->fh, sorted[i], &h)) {
            free(payload.p);
            return 0;
        }
        bb_str(&payload, sorted[i]);
        bb_u64(&payload, h);
    }
    uint64_t id = object_id(payload.p, payload.n, DEPSET_DOMAIN);
    pthread_mutex_lock(&c->lock);
    int64_t known;
    if (!u64map_get(&c->on_disk, id, &known)) {
        object_write(c, depset_magic, "deps-", id, &payload);
        u64map_put(&c->on_disk, id, 1);
        /* What it records is this run's view of the headers. */
        u64map_put(&c->depsets, id, 1);
    }
    pthread_mutex_unlock(&c->lock);
    free(payload.p);
    return id;
}

/* ---- shared header blocks' facts ---- */

uint64_t cache_prefix_id(const void *encoding, size_t n, bool is_cplusplus)
{
    return object_id(encoding, n, PREFIX_DOMAIN + (is_cplusplus ? 1 : 0));
}

/* A header block's facts by id, loaded once per run (the memo keeps a
 * reference); NULL when missing or damaged. */
static struct shared_facts *prefix_get(struct facts_cache *c, uint64_t id, bool is_cplusplus)
{
    pthread_mutex_lock(&c->lock);
    for (int i = 0; i < c->nprefixes; i++)
        if (c->prefixes[i].id == id && c->prefixes[i].is_cplusplus == is_cplusplus) {
            struct shared_facts *s = c->prefixes[i].facts;
            pthread_mutex_unlock(&c->lock);
            return s;
        }
    size_t plen;
    char *data = object_read(c, prefix_magic, "prefix-", id, &plen);
    struct shared_facts *s = data ? shared_facts_decode(data + HEADER_SIZE, plen, id, is_cplusplus) : NULL;
    free(data);
    c->prefixes = xrealloc(c->prefixes, sizeof *c->prefixes * (size_t)(c->nprefixes + 1));
    c->prefixes[c->nprefixes++] = (struct prefix_memo){id, is_cplusplus, s};
    if (s)
        u64map_put(&c->on_disk, id, 1);
    pthread_mutex_unlock(&c->lock);
    return s;
}

/* Written once per run unless this run loaded it intact: a damaged copy
 * is replaced rather than missed forever. */
static void prefix_store(struct facts_cache *c, const struct shared_facts *s)
{
    pthread_mutex_lock(&c->lock);
    int64_t known;
    if (!u64map_get(&c->on_disk, s->id, &known)) {
        struct bytebuf payload = {0};
        facts_serialize(&s->facts, &payload);
        object_write(c, prefix_magic, "prefix-", s->id, &payload);
        free(payload.p);
        u64map_put(&c->on_disk, s->id, 1);
    }
    pthread_mutex_unlock(&c->lock);
}

/* ---- entries ----
 * payload: uvar system_header_errors, str first_system_error,
 *          u64 depset id, u64 prefix id (0: none), the TU's own facts */

bool cache_load(struct facts_cache *c, uint64_t key, struct tu_facts *facts, struct cache_meta *meta)
{
    memset(meta, 0, sizeof *meta);
    size_t plen;
    char *data = object_read(c, entry_magic, "", key, &plen);
    if (!data)
        return false;
    bool hit = false;
    struct bytereader r = {(const unsigned char *)data + HEADER_SIZE, plen, 0, false};
    uint64_t nsys = br_uvar(&r);
    size_t n;
    const char *first = br_str(&r, &n);
    uint64_t depset = br_u64(&r);
    uint64_t prefix = br_u64(&r);
    if (r.bad || nsys > INT32_MAX || depset == 0 || !depset_valid(c, depset))
        goto out;
    if (facts_deserialize(r.p + r.pos, r.n - r.pos, facts) != 0)
        goto out;
    if (prefix) {
        struct shared_facts *s = prefix_get(c, prefix, facts->is_cplusplus);
        if (!s) {
            tu_facts_free(facts);
            goto out;
        }
        facts_attach_prefix(facts, s);
    }
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
    int nuniq = 0;
    for (int i = 0; i < ndeps; i++)
        if (i == 0 || strcmp(sorted[i], sorted[i - 1]))
            sorted[nuniq++] = sorted[i];
    uint64_t depset = depset_store(c, sorted, nuniq);
    free(sorted);
    if (!depset)
        return;
    if (facts->prefix)
        prefix_store(c, facts->prefix);
    struct bytebuf payload = {0};
    bb_uvar(&payload, (uint64_t)(meta->system_header_errors > 0 ? meta->system_header_errors : 0));
    bb_str(&payload, meta->first_system_error ? meta->first_system_error : "");
    bb_u64(&payload, depset);
    bb_u64(&payload, facts->prefix ? facts->prefix->id : 0);
    facts_serialize(facts, &payload);
    object_write(c, entry_magic, "", key, &payload);
    free(payload.p);
}
