/* The cache of repeated runs: one entry per translation unit, holding its
 * serialized facts (facts_io.h) and naming the set of headers it read, with
 * their content hashes, and the shared header block it was parsed against.
 * An entry is used only when its key (source text, arguments, versions)
 * matches, its checksum and those of what it names are right, and every
 * header it read still has the recorded content. Anything else is a miss. */
#ifndef DUMPCHECK_CACHE_H
#define DUMPCHECK_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ir.h"
#include "options.h"

/* Layout of an entry file; bump on any change (the facts encoding has its
 * own FACTS_FORMAT_VERSION, which is part of every key too). */
#define CACHE_LAYOUT_VERSION 2u

/* The cache-directory tag (https://bford.info/cachedir/): a folder holding
 * this file, starting with the signature, is a cache. */
#define CACHEDIR_TAG_NAME "CACHEDIR.TAG"
#define CACHEDIR_TAG_SIGNATURE "Signature: 8a477f597d28d172789f06886806bc55"
bool is_tagged_cache_folder(const char *dir);

/* ---- hashing ---- */

/* A 64-bit hash of bytes for change detection (not cryptographic). */
uint64_t content_hash(const void *p, size_t n, uint64_t seed);

/* Incremental key building. */
struct keyhash {
    uint64_t h;
};
void keyhash_init(struct keyhash *k, const char *domain);
void keyhash_bytes(struct keyhash *k, const void *p, size_t n);
void keyhash_str(struct keyhash *k, const char *s);   /* length-delimited */
void keyhash_u64(struct keyhash *k, uint64_t v);

/* Content hashes of files, computed once per run and shared by threads.
 * Editor buffers (options.unsaved) take the place of the files they name. */
struct file_hashes;
struct file_hashes *file_hashes_new(const struct options *o);
void file_hashes_free(struct file_hashes *fh);
/* Returns false when the file cannot be read. */
bool file_hashes_get(struct file_hashes *fh, const char *path, uint64_t *hash);
/* Keeps, in file `path`, the hash of each file read together with what
 * stat said of it then (device, inode, size, modification and change
 * times): a later run that finds the same stamp on a file that had not
 * been touched for seconds before it was read takes the hash without
 * reading the file. Any write changes the change time, so a stale stamp is
 * never trusted. cache_open sets this up; file_hashes_save_stamps writes
 * the file back when it learnt something. */
void file_hashes_use_stamps(struct file_hashes *fh, const char *path);
void file_hashes_save_stamps(struct file_hashes *fh);
/* How many files were hashed by reading them, and how many were known by
 * their stamps, so far. */
void file_hashes_counts(struct file_hashes *fh, int *read, int *stamped);

/* ---- the cache ---- */

struct facts_cache;

/* Opens (creating if needed) the cache folder: --cache-dir, else
 * $XDG_CACHE_HOME/dumpcheck, else ~/.cache/dumpcheck. NULL when disabled
 * (--no-cache) or unusable; the run then simply parses everything. */
struct facts_cache *cache_open(const struct options *o, struct file_hashes *fh);
/* A guess, from a few stats and before anything is read: will this run
 * parse? True when there is no cache, no stamp file, a compilation database
 * to read, or a source file written since the stamp file was. Only a hint
 * of when to start loading libclang: the lookups decide what is parsed. */
bool cache_expects_parse(const struct options *o);
void cache_close(struct facts_cache *c);
/* DIR/name inside the cache folder (free it): where the precompiled
 * headers kept for later runs go. */
char *cache_path(const struct facts_cache *c, const char *name);

/* What an entry records besides the facts. */
struct cache_meta {
    int system_header_errors;
    char *first_system_error;    /* malloc'd or NULL */
};

/* The id under which a header block's facts (their encoding, and the
 * language of the files parsed against it) are shared: shared_facts.id. */
uint64_t cache_prefix_id(const void *encoding, size_t n, bool is_cplusplus);

/* Looks `key` up; on a valid hit fills `facts` and `meta` and returns true. */
bool cache_load(struct facts_cache *c, uint64_t key, struct tu_facts *facts, struct cache_meta *meta);
/* Writes an entry atomically, and the header set and header block it
 * names unless stored already. `deps` are the files the parse read besides
 * the main file (duplicates allowed; they are sorted and made unique). A
 * dependency that cannot be read makes the entry not worth storing. */
void cache_store(struct facts_cache *c, uint64_t key, const struct tu_facts *facts, const struct cache_meta *meta,
                 char **deps, int ndeps);

/* ---- keeping the folder bounded (cache_trim.c) ----
 * A file's modification time is its last use: a hit marks its files used
 * (at most once an hour, so a hit costs one stat), and trimming removes
 * the least recently used first. */

/* The default of --cache-max-size. */
#define CACHE_DEFAULT_MAX_BYTES (1ULL << 30)

/* Marks a file of the cache used now (never a precompiled header's source
 * header, whose time the precompiled header records). */
void cache_mark_used(const char *path);
/* The run wrote entries or precompiled headers (the folder may have grown). */
void cache_note_written(struct facts_cache *c);

struct cache_trim_report {
    long files, removed_files;
    uint64_t bytes, removed_bytes;   /* before trimming; of what was removed */
    const char *refused;             /* why the folder was not touched, or NULL */
};
/* The cache folder for the options (see cache_open), or NULL. */
char *cache_folder(const struct options *o);
/* --cache-max-size, else the default; 0: no limit. */
uint64_t cache_max_bytes(const struct options *o);
/* When the entries and precompiled headers in the cache folder `base` (of
 * every layout version: facts-vN/, pch-vN/) take more than max_bytes,
 * removes the least recently used until they take at most 3/4 of it
 * (so that the next runs do not trim again at once). Nothing else in the
 * folder is touched, nor the stamp file. Returns -1 when the folder
 * cannot be listed. */
int cache_trim(const char *base, uint64_t max_bytes, struct cache_trim_report *rep);
/* cache_trim, unless the folder was trimmed less than an hour ago (its
 * listing costs a stat per file): what a run that wrote does at its end. */
void cache_trim_if_due(const char *base, uint64_t max_bytes);

#endif
