/* The parse stage of a run (see parse_all.h).
 *
 * 1. Each TU's cache key: its text, its arguments (the per-run overlay file
 *    by its role, not by name), the folder it is parsed from, the versions
 *    of dumpcheck, libclang and the formats, and what lowering depends on.
 * 2. Cache lookups (parallel): a hit is used as is.
 * 3. The misses that share arguments, folder and leading #include block
 *    (two or more of them) get a precompiled header of that block (groups
 *    built in parallel).
 * 4. The misses are parsed (parallel), against their group's header (pch.h
 *    says why that is the same parse), with an index that skips the
 *    header's declarations; the header's own facts, lowered once, are put
 *    in front. Any error in a shared parse and the file is parsed again
 *    plainly, so sharing never changes a result.
 * 5. Results are merged in TU order, exactly as a sequential loop would. */
#include "parse_all.h"

#include "clang_api.h"
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "facts_io.h"
#include "parse.h"
#include "pch.h"
#include "report/suppress.h"
#include "resident.h"
#include "util/phase_times.h"

struct tu_work {
    const struct tu_spec *t;
    char *text;                  /* the main file's text, or NULL if unreadable */
    size_t len;
    bool borrowed;               /* text is the project's */
    bool unsaved;                /* the text is an editor buffer */
    uint64_t args_hash;
    uint64_t key;
    bool hit;
    struct pch_prefix prefix;    /* the shareable block (len 0: none) */
    int group;                   /* index into groups, or -1 */
    enum parse_outcome outcome;
    struct tu_facts facts;
    struct diag_list problems;
    int sys_errors;
    char *first_sys;
};

struct group {
    uint64_t key;
    int first;                   /* a member TU, whose prefix is built */
    int nmembers;
    bool ok;
    bool built;                  /* by this run (else kept by an earlier one) */
    bool exact_case;             /* the header was built, and members parse, without the overlay */
    struct pch pch;
    struct shared_facts *prefix;  /* the header's facts, shared by the members */
};

struct run {
    const struct project *p;
    const struct options *o;
    const struct lower_options *lo;
    struct tu_work *w;
    struct group *groups;
    int ngroups;
    struct file_hashes *fh;
    struct facts_cache *cache;
    char *pch_dir;
    bool pch_persistent;          /* pch_dir is the cache's: headers outlive the run */
    uint64_t base;                /* what every key shares (versions, build) */
    atomic_int parsed_plain, parsed_shared, fallbacks;
};

/* ------------------------------------------------------------------ */
/* a small thread pool: items 0..n-1, one CXIndex per thread           */

/* Per thread: a plain index, and one whose traversals skip the declarations
 * that come from a precompiled header. */
struct indexes {
    CXIndex plain, local_only;
};

struct pool {
    void (*fn)(struct run *r, int item, struct indexes *ix);
    struct run *r;
    int n;
    atomic_int next;
    bool want_index;
};

static void *pool_worker(void *arg)
{
    struct pool *pl = arg;
    /* LLVM's signal handling gives a thread whose alternate signal stack it
     * finds small (as sanitizers make them) a new one, never freed, which
     * the sanitizer then fails to unmap when the thread ends: give each
     * worker one large enough, and put the old one back at the end. */
    stack_t mine, old;
    memset(&mine, 0, sizeof mine);
    memset(&old, 0, sizeof old);
    mine.ss_size = (size_t)MINSIGSTKSZ + ((size_t)128 << 10);
    mine.ss_sp = xmalloc(mine.ss_size);
    bool swapped = sigaltstack(&mine, &old) == 0;
    struct indexes ix = {NULL, NULL};
    if (pl->want_index) {
        ix.plain = clang_createIndex(0, 0);
        ix.local_only = clang_createIndex(1, 0);
    }
    for (;;) {
        int i = atomic_fetch_add(&pl->next, 1);
        if (i >= pl->n)
            break;
        pl->fn(pl->r, i, &ix);
    }
    if (ix.plain)
        clang_disposeIndex(ix.plain);
    if (ix.local_only)
        clang_disposeIndex(ix.local_only);
    if (swapped) {
        if (old.ss_flags & SS_DISABLE) {
            memset(&old, 0, sizeof old);
            old.ss_flags = SS_DISABLE;
        }
        sigaltstack(&old, NULL);
    }
    free(mine.ss_sp);
    return NULL;
}

static void run_pool(struct run *r, int jobs, int n, bool want_index, void (*fn)(struct run *, int, struct indexes *))
{
    if (n <= 0)
        return;
    struct pool pl = {fn, r, n, 0, want_index};
    int nthreads = jobs < n ? jobs : n;
    /* Work that needs neither libclang nor a deep stack, on one thread, is
     * done on this one: creating a thread waits for the dynamic loader's
     * lock, which loading libclang alongside holds for its whole length. */
    if (nthreads == 1 && !want_index) {
        for (int i = 0; i < n; i++)
            fn(r, i, NULL);
        return;
    }
    pthread_t *th = xcalloc((size_t)nthreads, sizeof *th);
    int started = 0;
    {
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        /* libclang's parser and the lowering recurse over deeply nested
         * code (a 10,000-arm else-if chain): parse on threads with far more
         * stack than a main thread gets. Untouched stack costs nothing. */
        pthread_attr_setstacksize(&attr, (size_t)512 << 20);
        for (int i = 0; i < nthreads; i++) {
            if (pthread_create(&th[i], &attr, pool_worker, &pl) != 0)
                break;
            started++;
        }
        pthread_attr_destroy(&attr);
    }
    if (started == 0)
        pool_worker(&pl);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    free(th);
}

/* ------------------------------------------------------------------ */
/* keys                                                                */

uint64_t lower_fingerprint(const str_id *noreturn, int n, int max_depth)
{
    struct keyhash k;
    keyhash_init(&k, "lower-options");
    keyhash_u64(&k, (uint64_t)max_depth);
    keyhash_u64(&k, (uint64_t)n);
    for (int i = 0; i < n; i++)
        keyhash_str(&k, str_get(noreturn[i]));
    return k.h;
}

/* The arguments, the per-run overlay file by its role: a file that needed
 * it records the headers it found through it as dependencies, like any
 * other (a header added to a folder after the file was checked, which
 * would have been found first, goes unnoticed, as with any compiler
 * cache). */
static uint64_t args_hash(const struct tu_spec *t)
{
    struct keyhash k;
    keyhash_init(&k, "args");
    keyhash_u64(&k, (uint64_t)t->nargs);
    for (int i = 0; i < t->nargs; i++)
        keyhash_str(&k, i == t->overlay_arg + 1 && t->overlay_arg >= 0 ? "<overlay>" : t->args[i]);
    keyhash_str(&k, t->directory);
    keyhash_u64(&k, t->is_cplusplus);
    return k.h;
}

static uint64_t tu_key(struct tu_work *w, uint64_t base)
{
    struct keyhash k = {base};
    keyhash_str(&k, w->t->file);
    keyhash_u64(&k, w->args_hash);
    keyhash_u64(&k, content_hash(w->text, w->len, 0));
    return k.h;
}

static char *dir_of(const char *file)
{
    const char *slash = strrchr(file, '/');
    return slash ? xstrndup(file, (size_t)(slash - file + 1)) : xstrdup("");
}

/* ------------------------------------------------------------------ */
/* the stages                                                          */

static void stage_lookup(struct run *r, int i, struct indexes *ix)
{
    (void)ix;
    struct tu_work *w = &r->w[i];
    struct cache_meta meta;
    if (!w->text || !cache_load(r->cache, w->key, &w->facts, &meta)) {
        /* This file will be parsed: libclang loads while the other
         * entries are read (once; a run its cache answers whole never
         * loads it, clang_api.h). */
        clang_api_start();
        return;
    }
    w->hit = true;
    w->outcome = PARSE_OK;
    w->sys_errors = meta.system_header_errors;
    w->first_sys = meta.first_system_error;
}

/* A group's shared header is kept under its key: "shared-KEY" when built
 * with the file names as written (where that compiles), else
 * "shared-KEY-ci", with the case-insensitive overlay, which then serves
 * every member. */
struct shared_way {
    char stem[48];
    bool exact_case;
};

static int group_ways(const struct run *r, const struct group *gr, struct shared_way ways[2])
{
    snprintf(ways[0].stem, sizeof ways[0].stem, "shared-%016llx", (unsigned long long)gr->key);
    snprintf(ways[1].stem, sizeof ways[1].stem, "shared-%016llx-ci", (unsigned long long)gr->key);
    ways[0].exact_case = true;
    ways[1].exact_case = false;
    return r->w[gr->first].t->overlay_arg >= 0 ? 2 : 1;
}

static void group_take_facts(struct run *r, struct group *gr)
{
    bool cpp = r->w[gr->first].t->is_cplusplus;
    uint64_t id = cache_prefix_id(gr->pch.facts.p, gr->pch.facts.n, cpp);
    gr->prefix = shared_facts_decode(gr->pch.facts.p, gr->pch.facts.n, id, cpp);
    gr->ok = gr->prefix != NULL;
}

/* One kept by an earlier run serves even a group of one file (the file
 * just edited, when the others come from the cache). Needs no libclang. */
static void stage_find_shared(struct run *r, int g, struct indexes *ix)
{
    (void)ix;
    struct group *gr = &r->groups[g];
    struct shared_way ways[2];
    int nways = group_ways(r, gr, ways);
    for (int k = 0; k < nways && !gr->ok; k++)
        if (pch_load(r->pch_dir, ways[k].stem, r->fh, &gr->pch) == 0) {
            gr->exact_case = ways[k].exact_case;
            group_take_facts(r, gr);
            /* Facts that do not decode make the kept header useless: it is
             * dropped here and built again (and saved over) if it can be. */
            if (!gr->ok)
                pch_free(&gr->pch);
        }
}

static void stage_build(struct run *r, int g, struct indexes *ix)
{
    struct group *gr = &r->groups[g];
    struct tu_work *w = &r->w[gr->first];
    struct shared_way ways[2];
    int nways = group_ways(r, gr, ways);
    for (int k = 0; k < nways && !gr->ok && gr->nmembers >= 2; k++) {
        pch_free(&gr->pch);
        if (pch_build(ix->plain, r->pch_dir, ways[k].stem, w->prefix.header, w->prefix.header_len, w->t,
                      ways[k].exact_case, r->lo, &gr->pch) != 0)
            continue;
        gr->exact_case = ways[k].exact_case;
        gr->built = true;
        if (r->pch_persistent) {
            pch_save(r->pch_dir, ways[k].stem, &gr->pch, r->fh);
            cache_note_written(r->cache);
        }
        group_take_facts(r, gr);
    }
}

static void stage_parse(struct run *r, int i, struct indexes *ix)
{
    struct tu_work *w = &r->w[i];
    if (w->hit)
        return;
    bool want_deps = r->cache && !w->unsaved && w->text;
    struct parse_report rep;
    enum parse_outcome po = PARSE_RETRY;
    struct group *gr = w->group >= 0 ? &r->groups[w->group] : NULL;
    char **deps = NULL;
    int ndeps = 0;
    /* First with the file names as written (the overlay that lets them
     * match in any case, as on Windows, costs a parse more than its
     * headers do), strictly: any error, and the reporting parse below
     * runs with the overlay. */
    bool exact_tried = false;
    if (gr && gr->ok) {
        struct parse_input in = {gr->pch.path, gr->prefix, true, want_deps, gr->exact_case};
        exact_tried = gr->exact_case;
        po = parse_and_lower(ix->local_only, w->t, r->o, r->lo, &in, &w->facts, &w->problems, &rep);
        if (po == PARSE_OK) {
            atomic_fetch_add(&r->parsed_shared, 1);
            for (int k = 0; k < gr->pch.ndeps; k++) {
                deps = xrealloc(deps, sizeof(char *) * (size_t)(ndeps + 1));
                deps[ndeps++] = xstrdup(gr->pch.deps[k]);
            }
        } else {
            /* Whatever went wrong is the plain parse's to report. */
            tu_facts_free(&w->facts);
            parse_report_free(&rep);
            atomic_fetch_add(&r->fallbacks, 1);
        }
    }
    if (po == PARSE_RETRY && !exact_tried && w->t->overlay_arg >= 0) {
        struct parse_input in = {NULL, NULL, true, want_deps, true};
        po = parse_and_lower(ix->plain, w->t, r->o, r->lo, &in, &w->facts, &w->problems, &rep);
        if (po == PARSE_OK) {
            atomic_fetch_add(&r->parsed_plain, 1);
        } else {
            tu_facts_free(&w->facts);
            parse_report_free(&rep);
        }
    }
    if (po == PARSE_RETRY) {
        struct parse_input in = {NULL, NULL, false, want_deps, false};
        po = parse_and_lower(ix->plain, w->t, r->o, r->lo, &in, &w->facts, &w->problems, &rep);
        atomic_fetch_add(&r->parsed_plain, 1);
    }
    w->outcome = po;
    w->sys_errors = rep.system_header_errors;
    w->first_sys = rep.first_system_error;
    rep.first_system_error = NULL;
    if (po == PARSE_OK && want_deps) {
        deps = xrealloc(deps, sizeof(char *) * (size_t)(ndeps + rep.nincludes + 1));
        for (int k = 0; k < rep.nincludes; k++)
            deps[ndeps++] = xstrdup(rep.includes[k]);
        struct cache_meta meta = {w->sys_errors, w->first_sys};
        cache_store(r->cache, w->key, &w->facts, &meta, deps, ndeps);
    }
    parse_report_free(&rep);
    for (int k = 0; k < ndeps; k++)
        free(deps[k]);
    free(deps);
}

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
                continue;
            char *path = xasprintf("%s/%s", dir, de->d_name);
            unlink(path);
            free(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

static char *make_pch_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char *tmpl = xasprintf("%s/dumpcheck-pch-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(tmpl)) {
        free(tmpl);
        return NULL;
    }
    return tmpl;
}

static void form_groups(struct run *r)
{
    const struct project *p = r->p;
    for (int i = 0; i < p->ntus; i++) {
        struct tu_work *w = &r->w[i];
        w->group = -1;
        if (w->hit || !w->text || w->prefix.len == 0)
            continue;
        struct keyhash k;
        keyhash_init(&k, "shared-prefix");
        keyhash_u64(&k, w->args_hash);
        char *dir = dir_of(w->t->file);
        keyhash_str(&k, dir);
        free(dir);
        keyhash_bytes(&k, w->prefix.header, w->prefix.header_len);
        keyhash_u64(&k, w->prefix.header_len);
        keyhash_u64(&k, r->base);
        int g;
        for (g = 0; g < r->ngroups; g++)
            if (r->groups[g].key == k.h)
                break;
        if (g == r->ngroups) {
            r->groups = xrealloc(r->groups, sizeof *r->groups * (size_t)(r->ngroups + 1));
            memset(&r->groups[g], 0, sizeof r->groups[g]);
            r->groups[g].key = k.h;
            r->groups[g].first = i;
            r->ngroups++;
        }
        r->groups[g].nmembers++;
        w->group = g;
    }
}

void parse_all(const struct project *p, const struct options *o, const struct lower_options *lo,
               uint64_t lower_fp, struct tu_facts *facts, struct parse_summary *s, struct diag_list *problems)
{
    memset(s, 0, sizeof *s);
    struct run r;
    memset(&r, 0, sizeof r);
    r.p = p;
    r.o = o;
    r.lo = lo;
    r.fh = file_hashes_new(o);
    r.cache = cache_open(o, r.fh);
    r.w = xcalloc((size_t)(p->ntus > 0 ? p->ntus : 1), sizeof *r.w);
    int jobs = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs < 1)
        jobs = 1;

    /* What every key shares. */
    struct keyhash base;
    keyhash_init(&base, "dumpcheck-facts");
    keyhash_str(&base, DUMPCHECK_VERSION);
    /* The build itself: facts lowered by another build of the same version
     * (a developer's, a distribution's) are not trusted. */
    struct stat exe;
    if (stat("/proc/self/exe", &exe) == 0) {
        keyhash_u64(&base, (uint64_t)exe.st_size);
        keyhash_u64(&base, (uint64_t)exe.st_mtim.tv_sec * 1000000000ULL + (uint64_t)exe.st_mtim.tv_nsec);
    }
    keyhash_u64(&base, FACTS_FORMAT_VERSION);
    keyhash_u64(&base, CACHE_LAYOUT_VERSION);
    /* libclang by its interface version and the library file itself (which
     * is still loading: asking it its version would wait for it). */
    keyhash_u64(&base, (uint64_t)CINDEX_VERSION_MAJOR << 32 | CINDEX_VERSION_MINOR);
    keyhash_str(&base, clang_api_library());
    struct stat lib;
    if (stat(clang_api_library(), &lib) == 0) {
        keyhash_u64(&base, (uint64_t)lib.st_size);
        keyhash_u64(&base, (uint64_t)lib.st_mtim.tv_sec * 1000000000ULL + (uint64_t)lib.st_mtim.tv_nsec);
    }
    keyhash_u64(&base, lower_fp);
    char *cwd = getcwd(NULL, 0);
    keyhash_str(&base, cwd ? cwd : "");
    free(cwd);

    bool share = !o->no_pch && o->nunsaved == 0;
    for (int i = 0; i < p->ntus; i++) {
        struct tu_work *w = &r.w[i];
        w->t = &p->tus[i];
        w->outcome = PARSE_FAILED;
        for (int u = 0; u < o->nunsaved; u++)
            if (!strcmp(o->unsaved[u].path, w->t->file)) {
                w->text = xstrndup(o->unsaved[u].contents, o->unsaved[u].len);
                w->len = o->unsaved[u].len;
                w->unsaved = true;
            }
        if (!w->text && w->t->text) {
            /* As read when the project loaded (the project keeps it). */
            w->text = w->t->text;
            w->len = w->t->len;
            w->borrowed = true;
        }
        if (!w->text)
            w->text = read_file(w->t->file, &w->len);
        w->args_hash = args_hash(w->t);
        if (w->text) {
            w->key = tu_key(w, base.h);
            if (!text_mentions_nolint(w->text, w->len)) {
                s->no_directives = xrealloc(s->no_directives, sizeof(str_id) * (size_t)(s->nno_directives + 1));
                s->no_directives[s->nno_directives++] = str_intern(w->t->file);
            }
        }
    }

    phase_mark("keys");
    /* While libclang loads, leave it a core of its own. */
    if (r.cache)
        run_pool(&r, clang_api_loading() && jobs > 1 ? jobs - 1 : jobs, p->ntus, false, stage_lookup);
    phase_mark("cache lookups");

    /* Anything to parse needs libclang, loaded meanwhile (clang_api.h). */
    bool need_parse = false;
    for (int i = 0; i < p->ntus; i++)
        if (!r.w[i].hit)
            need_parse = true;

    bool build_shared = false;
    if (share && need_parse) {
        /* The shareable block of each file still to parse. */
        for (int i = 0; i < p->ntus; i++)
            if (!r.w[i].hit && r.w[i].text)
                pch_prefix_scan(r.w[i].text, r.w[i].len, &r.w[i].prefix);
        r.base = base.h;
        form_groups(&r);
        bool any = false;
        for (int g = 0; g < r.ngroups; g++)
            if (r.groups[g].nmembers >= 2)
                any = true;
        if (r.cache) {
            /* Kept with the facts, so later runs (an edit, a pre-commit
             * hook) reuse them. */
            /* beside the facts folder, not in it (each of its files is an entry) */
            r.pch_dir = cache_path(r.cache, "pch-v2");
            const char *why;
            if ((mkdir(r.pch_dir, 0755) == 0 || errno == EEXIST) && folder_is_private(r.pch_dir, &why)) {
                r.pch_persistent = true;
                any = true;
            } else {
                free(r.pch_dir);
                r.pch_dir = NULL;
            }
        }
        if (any && (r.pch_dir || (r.pch_dir = make_pch_dir()) != NULL)) {
            build_shared = true;
            /* Those kept by earlier runs are found while libclang loads (on
             * this thread: another would wait for the loader, see run_pool). */
            if (r.pch_persistent)
                run_pool(&r, 1, r.ngroups, false, stage_find_shared);
        }
    }
    phase_mark("shared headers found");

    const char *why = NULL;
    if (need_parse && clang_api_wait(&why) != 0) {
        loc_t none = {0};
        diag_add(problems, NULL, SEV_ERROR, none, "%s", why);
        need_parse = build_shared = false;
        s->no_parser = true;
    }
    phase_mark("libclang");

    if (build_shared) {
        bool to_build = false;
        for (int g = 0; g < r.ngroups; g++)
            if (!r.groups[g].ok && r.groups[g].nmembers >= 2)
                to_build = true;
        if (to_build)
            run_pool(&r, jobs, r.ngroups, true, stage_build);
        phase_mark("shared headers");
        for (int g = 0; g < r.ngroups; g++)
            if (r.groups[g].ok) {
                s->shared_headers++;
                s->shared_built += r.groups[g].built;
            }
    }

    if (need_parse)
        run_pool(&r, jobs, p->ntus, true, stage_parse);
    phase_mark("parse");

    for (int i = 0; i < p->ntus; i++) {
        struct tu_work *w = &r.w[i];
        for (size_t k = 0; k < w->problems.n; k++) {
            if (problems->n == problems->cap) {
                problems->cap = problems->cap ? problems->cap * 2 : 16;
                problems->v = xrealloc(problems->v, problems->cap * sizeof *problems->v);
            }
            problems->v[problems->n++] = w->problems.v[k];
        }
        free(w->problems.v);
        if (w->outcome == PARSE_OK)
            facts[s->nfacts++] = w->facts;
        else {
            tu_facts_free(&w->facts);
            s->failed++;
        }
        if (w->hit)
            s->from_cache++;
        s->system_header_errors += w->sys_errors;
        if (w->first_sys && !s->first_system_error)
            s->first_system_error = w->first_sys;
        else
            free(w->first_sys);
        if (!w->borrowed)
            free(w->text);
        pch_prefix_free(&w->prefix);
    }
    s->parsed_plain = atomic_load(&r.parsed_plain);
    s->parsed_shared = atomic_load(&r.parsed_shared);
    s->fallbacks = atomic_load(&r.fallbacks);
    const char *stats = getenv("DUMPCHECK_STATS");
    if (stats && stats[0] == '1')
        fprintf(stderr,
                "dumpcheck: stats: %d file%s: %d from the cache, %d parsed with a shared header (%d built, "
                "%d kept), %d parsed alone (%d after a failed shared parse)\n",
                p->ntus, p->ntus == 1 ? "" : "s", s->from_cache, s->parsed_shared, s->shared_built,
                s->shared_headers - s->shared_built,
                s->parsed_plain, s->fallbacks);
    if (stats && stats[0] == '1') {
        int nread, nstamped;
        file_hashes_counts(r.fh, &nread, &nstamped);
        fprintf(stderr, "dumpcheck: stats: dependencies: %d hashed, %d known by their stamps\n", nread, nstamped);
        if (p->overlay)
            fprintf(stderr, "dumpcheck: stats: case-insensitive overlay %s\n",
                    case_overlay_written(p->overlay) ? "written" : "not needed");
        if (resident_is_child()) {
            fprintf(stderr, "dumpcheck: stats: libclang preloaded (run by the resident process)\n");
        } else if (clang_api_started()) {
            double lib_ms, index_ms;
            clang_api_load_times(&lib_ms, &index_ms);
            fprintf(stderr, "dumpcheck: stats: libclang loaded (%.1f ms, first index %.1f ms)\n", lib_ms, index_ms);
        } else {
            fprintf(stderr, "dumpcheck: stats: libclang not loaded\n");
        }
    }

    for (int g = 0; g < r.ngroups; g++) {
        pch_free(&r.groups[g].pch);
        shared_facts_release(r.groups[g].prefix);
    }
    free(r.groups);
    if (r.pch_dir) {
        if (!r.pch_persistent)
            remove_dir(r.pch_dir);
        free(r.pch_dir);
    }
    free(r.w);
    cache_close(r.cache);
    file_hashes_free(r.fh);
}
