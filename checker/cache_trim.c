/* Keeping the cache folder bounded (cache.h).
 *
 * Every edit of a source adds an entry, every new header block or build of
 * dumpcheck a precompiled header of several megabytes: left alone, the
 * folder only grows. The files' modification times say when each was last
 * used (cache_mark_used), and trimming removes the least recently used
 * until the folder is back under its limit. Removing is always safe: a
 * missing piece of an entry or of a precompiled header is a miss, and a
 * run that had already opened a file keeps reading it. */
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/util.h"

/* How often a file's use is recorded, and how often a run trims. */
#define USE_STAMP_SECONDS 3600
#define TRIM_INTERVAL_SECONDS 3600
#define TRIM_MARKER "trimmed"

void cache_mark_used(const char *path)
{
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && time(NULL) - st.st_mtime > USE_STAMP_SECONDS)
        utimensat(AT_FDCWD, path, NULL, AT_SYMLINK_NOFOLLOW); /* a read-only cache stays as it is */
}

/* The files of one unit of removal: an entry or a shared object of
 * facts-vN/, or the files of one precompiled header in pch-vN/ (its stem:
 * the name up to the first dot), which are useless apart. */
struct trim_group {
    int dirfd;        /* borrowed from the folder list */
    char *stem;
    char **names;
    int nnames;
    uint64_t bytes;
    time_t last_use;  /* the newest of its files */
};

struct trim_list {
    struct trim_group *v;
    size_t n;
};

/* facts-vN or pch-vN: the folders dumpcheck writes; anything else in the
 * cache folder is left alone. */
static bool is_cache_subfolder(const char *name, bool *is_pch)
{
    const char *rest = !strncmp(name, "facts-v", 7) ? name + 7 : !strncmp(name, "pch-v", 5) ? name + 5 : NULL;
    if (!rest || !*rest)
        return false;
    for (const char *p = rest; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    *is_pch = name[0] == 'p';
    return true;
}

static struct trim_group *group_for(struct trim_list *l, size_t first, int dirfd, const char *stem, size_t stem_len)
{
    for (size_t i = first; i < l->n; i++)
        if (strlen(l->v[i].stem) == stem_len && !strncmp(l->v[i].stem, stem, stem_len))
            return &l->v[i];
    l->v = xrealloc(l->v, sizeof *l->v * (l->n + 1));
    struct trim_group *g = &l->v[l->n++];
    memset(g, 0, sizeof *g);
    g->dirfd = dirfd;
    g->stem = xstrndup(stem, stem_len);
    return g;
}

/* Lists the folder open as `folder` (kept open by the caller: removals go
 * through it, so a folder swapped for a link meanwhile changes nothing). */
static void list_subfolder(struct trim_list *l, int folder, bool is_pch, struct cache_trim_report *rep)
{
    int fd = dup(folder);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    size_t first = l->n;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        /* The stamp file is no entry: it saves hashing headers again. */
        if (name[0] == '.' || (!is_pch && !strcmp(name, "stamps")))
            continue;
        struct stat st;
        if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue;
        const char *dot = is_pch ? strchr(name, '.') : NULL;
        size_t stem_len = dot ? (size_t)(dot - name) : strlen(name);
        /* An entry is a file of its own: no group to look for. */
        struct trim_group *g = group_for(l, is_pch ? first : l->n, folder, name, stem_len);
        g->names = xrealloc(g->names, sizeof *g->names * (size_t)(g->nnames + 1));
        g->names[g->nnames++] = xstrdup(name);
        g->bytes += (uint64_t)st.st_size;
        if (st.st_mtime > g->last_use)
            g->last_use = st.st_mtime;
        rep->files++;
        rep->bytes += (uint64_t)st.st_size;
    }
    closedir(d);
}

static int by_last_use(const void *a, const void *b)
{
    const struct trim_group *x = a, *y = b;
    if (x->last_use != y->last_use)
        return x->last_use < y->last_use ? -1 : 1;
    return strcmp(x->stem, y->stem);
}

/* A precompiled header's .deps file goes first: it is what makes the
 * others visible to a run (pch.c). */
static int deps_first(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    size_t nx = strlen(x), ny = strlen(y);
    bool dx = nx > 5 && !strcmp(x + nx - 5, ".deps"), dy = ny > 5 && !strcmp(y + ny - 5, ".deps");
    if (dx != dy)
        return dx ? -1 : 1;
    return strcmp(x, y);
}

static void group_remove(const struct trim_group *g, struct cache_trim_report *rep)
{
    qsort(g->names, (size_t)g->nnames, sizeof *g->names, deps_first);
    for (int i = 0; i < g->nnames; i++) {
        /* unlinkat removes a link itself, never what it points to. */
        struct stat st;
        if (fstatat(g->dirfd, g->names[i], &st, AT_SYMLINK_NOFOLLOW) == 0 && unlinkat(g->dirfd, g->names[i], 0) == 0) {
            rep->removed_files++;
            rep->removed_bytes += (uint64_t)st.st_size;
        }
    }
}

/* A folder of the cache, opened without following a link, and used only
 * when it is the user's own and no one else may write to it. */
static int open_private_folder(int at, const char *name, const char **why)
{
    int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        *why = errno == ELOOP || errno == ENOTDIR ? "it is a symbolic link or not a folder" : strerror(errno);
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_uid != geteuid() || (st.st_mode & (S_IWGRP | S_IWOTH))) {
        *why = "it belongs to another user or others may write to it";
        close(fd);
        return -1;
    }
    return fd;
}

int cache_trim(const char *base, uint64_t max_bytes, struct cache_trim_report *rep)
{
    memset(rep, 0, sizeof *rep);
    const char *why;
    int basefd = open_private_folder(AT_FDCWD, base, &why);
    if (basefd < 0) {
        rep->refused = why;
        return -1;
    }
    int fd = dup(basefd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        close(basefd);
        return -1;
    }
    /* The folders stay open while the groups use them. */
    int *dirs = NULL;
    size_t ndirs = 0;
    struct trim_list l = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        bool is_pch;
        if (!is_cache_subfolder(e->d_name, &is_pch))
            continue;
        int sub = open_private_folder(basefd, e->d_name, &why);
        if (sub < 0)
            continue; /* a link or a folder of someone else's: never entered */
        dirs = xrealloc(dirs, sizeof *dirs * (ndirs + 1));
        dirs[ndirs++] = sub;
        list_subfolder(&l, sub, is_pch, rep);
    }
    closedir(d);
    close(basefd);
    if (max_bytes && rep->bytes > max_bytes) {
        uint64_t target = max_bytes / 4 * 3, left = rep->bytes;
        qsort(l.v, l.n, sizeof *l.v, by_last_use);
        for (size_t i = 0; i < l.n && left > target; i++) {
            group_remove(&l.v[i], rep);
            left = left > l.v[i].bytes ? left - l.v[i].bytes : 0;
        }
    }
    for (size_t i = 0; i < l.n; i++) {
        for (int k = 0; k < l.v[i].nnames; k++)
            free(l.v[i].names[k]);
        free(l.v[i].names);
        free(l.v[i].stem);
    }
    free(l.v);
    for (size_t i = 0; i < ndirs; i++)
        close(dirs[i]);
    free(dirs);
    return 0;
}

/* True, and the marker's time set, when the last trim is old enough. Two
 * runs that end together may both trim: harmless. */
static bool trim_due(const char *base)
{
    char *marker = xasprintf("%s/" TRIM_MARKER, base);
    struct stat st;
    bool due = lstat(marker, &st) != 0 || time(NULL) - st.st_mtime >= TRIM_INTERVAL_SECONDS;
    if (due) {
        /* Never through a link planted in its place. */
        int fd = open(marker, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
        if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
            close(fd);
            fd = -1;
        }
        if (fd >= 0) {
            futimens(fd, NULL);
            close(fd);
        } else {
            due = false; /* a folder it cannot write to: nothing to remove either */
        }
    }
    free(marker);
    return due;
}

void cache_trim_if_due(const char *base, uint64_t max_bytes)
{
    struct cache_trim_report rep;
    if (trim_due(base))
        cache_trim(base, max_bytes, &rep);
}
