#define DUMPCHECK_CLANG_API_IMPL
#include "clang_api.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct clang_api table;
static pthread_t loader;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cond = PTHREAD_COND_INITIALIZER;
static enum { NOT_STARTED, LOADING, READY, FAILED } state = NOT_STARTED;
static bool joined;
static char why_buf[1024];
static double load_ms[2];    /* the library's own loading, then its first index */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

const char *clang_api_library(void)
{
    const char *env = getenv("DUMPCHECK_LIBCLANG");
    return env && env[0] ? env : DUMPCHECK_LIBCLANG_PATH;
}

static void *load(void *arg)
{
    (void)arg;
    struct clang_api t;
    memset(&t, 0, sizeof t);
    const char *err = NULL;
    const char *path = clang_api_library();
    double t0 = now_ms();
    void *h = dlopen(path, RTLD_LAZY | RTLD_LOCAL);
    /* The library built against, should it have moved: by name. */
    if (!h && strcmp(path, DUMPCHECK_LIBCLANG_PATH) == 0)
        h = dlopen(DUMPCHECK_LIBCLANG_SONAME, RTLD_LAZY | RTLD_LOCAL);
    if (!h)
        err = dlerror();
#define CLANG_FN(name)                                                   \
    if (!err) {                                                          \
        t.name = (__typeof__(t.name))dlsym(h, #name);                    \
        if (!t.name)                                                     \
            err = "libclang lacks " #name;                               \
    }
#include "clang_api.def"
#undef CLANG_FN
    double t1 = now_ms();
    if (!err) {
        /* The first index registers LLVM's targets in a global list, which
         * is not safe to do from two threads at once (parse threads each
         * create an index): do it here, once, before anyone can parse. */
        t.clang_disposeIndex(t.clang_createIndex(0, 0));
    }
    pthread_mutex_lock(&lock);
    load_ms[0] = t1 - t0;
    load_ms[1] = now_ms() - t1;
    if (err) {
        snprintf(why_buf, sizeof why_buf, "cannot load libclang (%s): %s", path, err);
        __atomic_store_n(&state, FAILED, __ATOMIC_RELEASE);
    } else {
        table = t;
        __atomic_store_n(&state, READY, __ATOMIC_RELEASE);
    }
    pthread_cond_broadcast(&done_cond);
    pthread_mutex_unlock(&lock);
    return NULL;
}

void clang_api_start(void)
{
    pthread_mutex_lock(&lock);
    if (state == NOT_STARTED) {
        state = LOADING;
        /* Room for LLVM's initialisers, whatever the default stack is. */
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, (size_t)16 << 20);
        if (pthread_create(&loader, &attr, load, NULL) != 0) {
            pthread_mutex_unlock(&lock);
            load(NULL);
            pthread_mutex_lock(&lock);
            joined = true;
        }
        pthread_attr_destroy(&attr);
    }
    pthread_mutex_unlock(&lock);
}

int clang_api_load_now(const char **why)
{
    pthread_mutex_lock(&lock);
    bool start = state == NOT_STARTED;
    if (start) {
        state = LOADING;
        joined = true;
    }
    pthread_mutex_unlock(&lock);
    if (start)
        load(NULL);
    return clang_api_wait(why);
}

int clang_api_wait(const char **why)
{
    clang_api_start();
    pthread_mutex_lock(&lock);
    while (state == LOADING)
        pthread_cond_wait(&done_cond, &lock);
    int rc = state == READY ? 0 : -1;
    if (why)
        *why = rc ? why_buf : NULL;
    pthread_mutex_unlock(&lock);
    return rc;
}

bool clang_api_started(void)
{
    pthread_mutex_lock(&lock);
    bool r = state != NOT_STARTED;
    pthread_mutex_unlock(&lock);
    return r;
}

bool clang_api_loading(void)
{
    pthread_mutex_lock(&lock);
    bool r = state == LOADING;
    pthread_mutex_unlock(&lock);
    return r;
}

const struct clang_api *clang_api_table(void)
{
    /* READY is set once and never changes: after the first successful
     * wait on this thread, the table is stable. */
    if (__atomic_load_n(&state, __ATOMIC_ACQUIRE) == READY)
        return &table;
    const char *why;
    if (clang_api_wait(&why) != 0) {
        /* Every path that parses waits and reports first; reaching this is
         * a bug, and calling through a missing table would be worse. */
        fprintf(stderr, "dumpcheck: internal error: %s\n", why);
        abort();
    }
    return &table;
}

void clang_api_finish(void)
{
    pthread_mutex_lock(&lock);
    bool join = state != NOT_STARTED && !joined;
    joined = true;
    pthread_mutex_unlock(&lock);
    if (join)
        pthread_join(loader, NULL);
}

void clang_api_load_times(double *library_ms, double *first_index_ms)
{
    pthread_mutex_lock(&lock);
    *library_ms = load_ms[0];
    *first_index_ms = load_ms[1];
    pthread_mutex_unlock(&lock);
}
