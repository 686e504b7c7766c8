/* The resident process (resident.h).
 *
 * Protocol, over a Unix stream socket in a folder only the user can enter:
 * the client sends one request (its length, then the body), with its
 * standard streams and working folder attached as descriptors; the forked
 * child answers its pid (so that the client can pass on a Ctrl-C), then,
 * once the run's output is written, its exit status. */
#define _GNU_SOURCE
#include "resident.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "clang_api.h"
#include "facts_io.h"
#include "util/util.h"

extern char **environ;

#define PROTOCOL_MAGIC 0x31524344756d70ULL /* "pmuDCR1" */
#define MAX_REQUEST (64u << 20)
#define NFDS 4 /* stdin, stdout, stderr, working folder */
/* Idle seconds before the resident process leaves ($DUMPCHECK_RESIDENT_IDLE). */
#define DEFAULT_IDLE_SECONDS 900

enum request_kind { REQ_RUN = 1, REQ_STOP = 2, REQ_PING = 3 };
/* The child sends its pid, then its status; the resident process adds how
 * the child ended, which the client reads when the status never came. */
enum reply_kind { REPLY_PID = 1, REPLY_STATUS = 2, REPLY_SIGNAL = 3, REPLY_DECLINE = 4 };

/* The resource limits a run keeps from its client (the child would
 * otherwise have the resident process's), and in this order. */
static const int passed_limits[] = {RLIMIT_AS,    RLIMIT_DATA,   RLIMIT_STACK, RLIMIT_CPU,
                                    RLIMIT_FSIZE, RLIMIT_NOFILE, RLIMIT_CORE};
#define NLIMITS (sizeof passed_limits / sizeof passed_limits[0])

static bool is_child;

bool resident_is_child(void)
{
    return is_child;
}

bool resident_wanted(int argc, char **argv)
{
    const char *env = getenv("DUMPCHECK_RESIDENT");
    bool want = env && !strcmp(env, "1");
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--"))
            break;
        if (!strcmp(argv[i], "--resident"))
            want = true;
        /* A language server lives long anyway. */
        if (!strcmp(argv[i], "--lsp"))
            return false;
    }
    return want;
}

/* ------------------------------------------------------------------ */
/* where                                                               */

/* A folder of the user's own, private: $XDG_RUNTIME_DIR/dumpcheck, else
 * $TMPDIR (or /tmp)/dumpcheck-UID. NULL when it is anything else. */
static char *socket_folder(void)
{
    const char *rt = getenv("XDG_RUNTIME_DIR");
    const char *tmp = getenv("TMPDIR");
    char *dir = rt && rt[0] == '/' ? xasprintf("%s/dumpcheck", rt)
                                   : xasprintf("%s/dumpcheck-%u", tmp && tmp[0] == '/' ? tmp : "/tmp",
                                               (unsigned)getuid());
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        free(dir);
        return NULL;
    }
    struct stat st;
    if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 077)) {
        free(dir);
        return NULL;
    }
    return dir;
}

static void hash_file_identity(struct keyhash *k, const char *path)
{
    keyhash_str(k, path);
    struct stat st;
    if (stat(path, &st) == 0) {
        keyhash_u64(k, (uint64_t)st.st_dev);
        keyhash_u64(k, (uint64_t)st.st_ino);
        keyhash_u64(k, (uint64_t)st.st_size);
        keyhash_u64(k, (uint64_t)st.st_mtim.tv_sec * 1000000000ULL + (uint64_t)st.st_mtim.tv_nsec);
    }
}

/* One socket per build of dumpcheck and libclang it loads: a rebuilt
 * binary never talks to a process of the old one. */
static char *socket_path(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *dir = socket_folder();
    if (!dir)
        return NULL;
    struct keyhash k;
    keyhash_init(&k, "dumpcheck-resident");
    keyhash_str(&k, DUMPCHECK_VERSION);
    hash_file_identity(&k, exe);
    hash_file_identity(&k, clang_api_library());
    const char *ldpath = getenv("LD_LIBRARY_PATH");
    keyhash_str(&k, ldpath ? ldpath : "");
    char *path = xasprintf("%s/%016llx.sock", dir, (unsigned long long)k.h);
    free(dir);
    if (strlen(path) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
        free(path);
        return NULL;
    }
    return path;
}

/* ------------------------------------------------------------------ */
/* messages                                                            */

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

static int read_all(int fd, void *p, size_t n)
{
    char *c = p;
    while (n > 0) {
        ssize_t r = recv(fd, c, n, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        c += r;
        n -= (size_t)r;
    }
    return 0;
}

static int send_reply(int fd, enum reply_kind kind, int64_t value)
{
    struct bytebuf b = {0};
    bb_u64(&b, PROTOCOL_MAGIC);
    bb_u64(&b, (uint64_t)kind);
    bb_u64(&b, (uint64_t)value);
    int rc = write_all(fd, b.p, b.n);
    free(b.p);
    return rc;
}

/* 0 with the reply, or -1 at the end of the stream or on a bad reply. */
static int read_reply(int fd, enum reply_kind *kind, int64_t *value)
{
    unsigned char m[24];
    if (read_all(fd, m, sizeof m) != 0)
        return -1;
    struct bytereader r = {m, sizeof m, 0, false};
    if (br_u64(&r) != PROTOCOL_MAGIC)
        return -1;
    *kind = (enum reply_kind)br_u64(&r);
    *value = (int64_t)br_u64(&r);
    return 0;
}

/* The request's length goes with the descriptors, then its body. */
static int send_request(int sock, const struct bytebuf *body, const int *fds, int nfds)
{
    uint64_t len = body->n;
    struct iovec iov = {&len, sizeof len};
    union {
        char buf[CMSG_SPACE(sizeof(int) * NFDS)];
        struct cmsghdr align;
    } u;
    memset(&u, 0, sizeof u);
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    if (nfds > 0) {
        msg.msg_control = u.buf;
        msg.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
        memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)nfds);
    }
    ssize_t w;
    do
        w = sendmsg(sock, &msg, MSG_NOSIGNAL);
    while (w < 0 && errno == EINTR);
    if (w != (ssize_t)sizeof len)
        return -1;
    return write_all(sock, body->p, body->n);
}

/* Reads a request: its body (malloc'd) and the descriptors that came with
 * it (-1 for those that did not). */
static int recv_request(int sock, unsigned char **body, size_t *len, int *fds)
{
    for (int i = 0; i < NFDS; i++)
        fds[i] = -1;
    uint64_t n;
    struct iovec iov = {&n, sizeof n};
    union {
        char buf[CMSG_SPACE(sizeof(int) * NFDS)];
        struct cmsghdr align;
    } u;
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = u.buf;
    msg.msg_controllen = sizeof u.buf;
    ssize_t r;
    do
        r = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC | MSG_WAITALL);
    while (r < 0 && errno == EINTR);
    if (r <= 0)
        return -1; /* and msg_control holds nothing to read */
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            size_t k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            for (size_t i = 0; i < k; i++) {
                int fd;
                memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
                if (i < NFDS)
                    fds[i] = fd;
                else
                    close(fd);
            }
        }
    if (r != (ssize_t)sizeof n || n > MAX_REQUEST || (msg.msg_flags & MSG_CTRUNC))
        return -1;
    *body = xmalloc(n + 1);
    *len = n;
    if (read_all(sock, *body, n) != 0) {
        free(*body);
        *body = NULL;
        return -1;
    }
    return 0;
}

static bool peer_is_us(int sock)
{
    struct ucred cred;
    socklen_t len = sizeof cred;
    return getsockopt(sock, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 && cred.uid == getuid();
}

static int connect_to(const char *path)
{
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    memcpy(a.sun_path, path, strlen(path) + 1);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0 || !peer_is_us(fd)) {
        close(fd);
        return -1;
    }
    return fd;
}

/* ------------------------------------------------------------------ */
/* the client                                                          */

static volatile sig_atomic_t child_pid;
static bool declined; /* the resident process answered but could not run it */
static volatile sig_atomic_t passed_signal;

static void pass_signal(int sig)
{
    passed_signal = sig;
    if (child_pid > 0)
        kill((pid_t)child_pid, sig);
}

static void encode_strings(struct bytebuf *b, char **v, int n)
{
    bb_uvar(b, (uint64_t)n);
    for (int i = 0; i < n; i++)
        bb_str(b, v[i]);
}

/* A descriptor to pass for stream `fd`: itself, or /dev/null when closed. */
static int stream_or_null(int fd, int *opened)
{
    if (fcntl(fd, F_GETFD) != -1)
        return fd;
    *opened = open("/dev/null", O_RDWR | O_CLOEXEC);
    return *opened;
}

/* The client's resource limits and nice value, which the run must keep. */
static void encode_limits(struct bytebuf *b)
{
    for (size_t i = 0; i < NLIMITS; i++) {
        struct rlimit rl;
        if (getrlimit(passed_limits[i], &rl) != 0)
            rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
        bb_u64(b, (uint64_t)rl.rlim_cur);
        bb_u64(b, (uint64_t)rl.rlim_max);
    }
    errno = 0;
    int nice = getpriority(PRIO_PROCESS, 0);
    bb_uvar(b, errno ? 0 : (uint64_t)(nice + 20) + 1); /* 0: unknown */
}

/* Gives this process the client's limits and nice value; false when it
 * cannot (a hard limit above the resident process's, a higher priority,
 * without the privilege): the client then runs itself. */
static bool apply_limits(struct bytereader *r)
{
    bool ok = true;
    for (size_t i = 0; i < NLIMITS; i++) {
        struct rlimit want, have;
        want.rlim_cur = (rlim_t)br_u64(r);
        want.rlim_max = (rlim_t)br_u64(r);
        if (r->bad || getrlimit(passed_limits[i], &have) != 0)
            return false;
        if ((want.rlim_cur != have.rlim_cur || want.rlim_max != have.rlim_max) &&
            setrlimit(passed_limits[i], &want) != 0)
            ok = false;
    }
    uint64_t nice = br_uvar(r);
    if (r->bad)
        return false;
    if (nice > 0) {
        int want = (int)nice - 1 - 20;
        errno = 0;
        int have = getpriority(PRIO_PROCESS, 0);
        if ((errno || have != want) && setpriority(PRIO_PROCESS, 0, want) != 0)
            ok = false;
    }
    return ok;
}

bool resident_run(int argc, char **argv, int *status)
{
    char *path = socket_path();
    if (!path)
        return false;
    int sock = connect_to(path);
    free(path);
    if (sock < 0)
        return false;

    struct bytebuf body = {0};
    bb_uvar(&body, REQ_RUN);
    encode_strings(&body, argv, argc);
    int nenv = 0;
    while (environ[nenv])
        nenv++;
    encode_strings(&body, environ, nenv);
    mode_t mask = umask(0);
    umask(mask);
    bb_uvar(&body, (uint64_t)mask);
    encode_limits(&body);

    int opened[3] = {-1, -1, -1};
    int fds[NFDS];
    for (int i = 0; i < 3; i++)
        fds[i] = stream_or_null(i, &opened[i]);
    fds[3] = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    bool sent = fds[0] >= 0 && fds[1] >= 0 && fds[2] >= 0 && fds[3] >= 0 &&
                send_request(sock, &body, fds, NFDS) == 0;
    free(body.p);
    for (int i = 0; i < 3; i++)
        if (opened[i] >= 0)
            close(opened[i]);
    if (fds[3] >= 0)
        close(fds[3]);

    enum reply_kind kind = 0;
    int64_t value;
    if (!sent || read_reply(sock, &kind, &value) != 0 || kind != REPLY_PID) {
        /* Nothing ran: run here (and, when it declined, leave the resident
         * process be). */
        declined = sent && kind == REPLY_DECLINE;
        close(sock);
        return false;
    }
    child_pid = (sig_atomic_t)value;
    struct sigaction sa, old[4];
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = pass_signal;
    sigemptyset(&sa.sa_mask);
    const int sigs[4] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (int i = 0; i < 4; i++)
        sigaction(sigs[i], &sa, &old[i]);
    int got = read_reply(sock, &kind, &value);
    close(sock);
    for (int i = 0; i < 4; i++)
        sigaction(sigs[i], &old[i], NULL);
    if (got == 0 && kind == REPLY_STATUS) {
        *status = (int)value;
        return true;
    }
    int sig = got == 0 && kind == REPLY_SIGNAL ? (int)value : passed_signal;
    if (sig > 0 && sig < NSIG) {
        /* Killed (a broken pipe, an interrupt, a crash): end as the run
         * itself would have. */
        signal(sig, SIG_DFL);
        raise(sig);
        *status = 128 + sig;
        return true;
    }
    fprintf(stderr, "dumpcheck: error: the resident process (pid %d) ended without finishing the run\n",
            (int)child_pid);
    *status = 2;
    return true;
}

/* Starts `dumpcheck --resident-server PATH`, detached: a session of its
 * own, no terminal, none of our descriptors. Returns its pid, or -1. */
static pid_t spawn_server(const char *path)
{
    char *const args[] = {(char *)"dumpcheck", (char *)RESIDENT_SERVER_ARG, (char *)path, NULL};
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    for (int i = 0; i < 3; i++)
        posix_spawn_file_actions_addopen(&fa, i, "/dev/null", O_RDWR, 0);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    posix_spawn_file_actions_addclosefrom_np(&fa, 3);
#endif
    posix_spawnattr_init(&attr);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid;
    int rc = posix_spawn(&pid, "/proc/self/exe", &fa, &attr, args, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    return rc == 0 ? pid : -1;
}

void resident_start(void)
{
    if (is_child || declined)
        return;
    char *path = socket_path();
    if (!path)
        return;
    /* Not reaped: it outlives us (and whoever adopts it reaps it). */
    spawn_server(path);
    free(path);
}

static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000 * 1000};
    nanosleep(&ts, NULL);
}

static int ping(const char *path, enum request_kind kind)
{
    int sock = connect_to(path);
    if (sock < 0)
        return -1;
    struct bytebuf body = {0};
    bb_uvar(&body, (uint64_t)kind);
    enum reply_kind rk;
    int64_t value;
    int rc = send_request(sock, &body, NULL, 0) == 0 && read_reply(sock, &rk, &value) == 0 &&
                     rk == REPLY_STATUS
                 ? 0
                 : -1;
    free(body.p);
    close(sock);
    return rc;
}

/* Held by the resident process that serves the socket `path`, for life. */
static char *lock_path_of(const char *path)
{
    return xasprintf("%.*s.lock", (int)(strlen(path) - strlen(".sock")), path);
}

/* Waits (up to about `ms`) until no process holds the lock of `path`: the
 * one that served it has ended, and a new one can take its place. */
static bool wait_lock_free(const char *path, int ms)
{
    char *lock_path = lock_path_of(path);
    int fd = open(lock_path, O_RDWR | O_CLOEXEC);
    free(lock_path);
    if (fd < 0)
        return true;
    bool free_now = false;
    for (int waited = 0; !free_now && waited <= ms; waited += 10) {
        free_now = flock(fd, LOCK_EX | LOCK_NB) == 0;
        if (!free_now)
            pause_ms(10);
    }
    close(fd); /* lets go of the lock too */
    return free_now;
}

int resident_start_and_wait(void)
{
    char *path = socket_path();
    if (!path) {
        fprintf(stderr, "dumpcheck: error: no private folder for the resident process's socket "
                        "($XDG_RUNTIME_DIR/dumpcheck or /tmp/dumpcheck-UID, mode 0700)\n");
        return -1;
    }
    int rc = 0;
    if (ping(path, REQ_PING) != 0) {
        pid_t pid = spawn_server(path);
        rc = -1;
        /* Loading libclang takes a fraction of a second; allow a slow
         * machine much more. */
        for (int i = 0; pid > 0 && i < 3000; i++) {
            if (ping(path, REQ_PING) == 0) {
                rc = 0;
                break;
            }
            /* One that ends at once lost the race to serve to another,
             * still starting: wait for that one. */
            waitpid(pid, NULL, WNOHANG);
            pause_ms(10);
        }
        if (rc != 0)
            fprintf(stderr, "dumpcheck: error: the resident process did not start\n");
    }
    free(path);
    return rc;
}

int resident_stop(void)
{
    char *path = socket_path();
    if (!path)
        return 0;
    int rc = 0;
    if (ping(path, REQ_STOP) == 0) {
        /* Stopped once it has let go of its lock, which it holds until
         * it ends, after removing its socket: then a new one started right
         * after can serve. */
        if (!wait_lock_free(path, 5000)) {
            fprintf(stderr, "dumpcheck: error: the resident process has not ended\n");
            rc = -1;
        }
    }
    free(path);
    return rc;
}

/* ------------------------------------------------------------------ */
/* the resident process                                                */

static const char *serving_path;
static ino_t serving_ino;

static void leave(int sig)
{
    (void)sig;
    struct stat st;
    /* Only our own socket: a newer process may have taken the name. */
    if (serving_path && stat(serving_path, &st) == 0 && st.st_ino == serving_ino)
        unlink(serving_path);
    _exit(0);
}

static void wake(int sig)
{
    (void)sig;
}

/* Runs under way: each child and its client's connection. */
struct running {
    struct {
        pid_t pid;
        int conn;
    } *v;
    size_t n;
};

/* Tells the client of each ended child how it ended (it reads this only
 * when the child's own status never came). */
static void reap(struct running *runs)
{
    int st;
    pid_t pid;
    while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
        for (size_t i = 0; i < runs->n; i++) {
            if (runs->v[i].pid != pid)
                continue;
            if (WIFSIGNALED(st))
                send_reply(runs->v[i].conn, REPLY_SIGNAL, WTERMSIG(st));
            else
                send_reply(runs->v[i].conn, REPLY_STATUS, WEXITSTATUS(st));
            close(runs->v[i].conn);
            runs->v[i] = runs->v[--runs->n];
            break;
        }
    }
}

static char **decode_strings(struct bytereader *r, int *n)
{
    uint64_t count = br_uvar(r);
    if (r->bad || count > r->n - r->pos) {
        r->bad = true;
        *n = 0;
        return NULL;
    }
    char **v = xcalloc((size_t)count + 1, sizeof *v);
    for (uint64_t i = 0; i < count; i++) {
        size_t len;
        const char *s = br_str(r, &len);
        v[i] = xstrndup(s, len);
    }
    *n = (int)count;
    return v;
}

/* In the forked child: becomes the client's run, then reports its status. */
static void serve_one(int sock, int (*run)(int, char **))
{
    unsigned char *body;
    size_t len;
    int fds[NFDS];
    /* A client that connects and says nothing does not keep a child. */
    struct timeval tv = {10, 0};
    setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (recv_request(sock, &body, &len, fds) != 0)
        _exit(2);
    struct bytereader r = {body, len, 0, false};
    uint64_t kind = br_uvar(&r);
    if (kind == REQ_PING || kind == REQ_STOP) {
        if (kind == REQ_STOP)
            kill(getppid(), SIGTERM);
        send_reply(sock, REPLY_STATUS, 0);
        _exit(0);
    }
    int argc, nenv;
    char **argv = decode_strings(&r, &argc);
    char **env = decode_strings(&r, &nenv);
    mode_t mask = (mode_t)br_uvar(&r);
    if (kind != REQ_RUN || r.bad || argc < 1)
        _exit(2);
    if (!apply_limits(&r) || r.pos != r.n) {
        send_reply(sock, REPLY_DECLINE, 0);
        _exit(0);
    }
    for (int i = 0; i < NFDS; i++)
        if (fds[i] < 0)
            _exit(2);
    for (int i = 0; i < 3; i++)
        if (dup2(fds[i], i) < 0)
            _exit(2);
    if (fchdir(fds[3]) != 0)
        _exit(2);
    for (int i = 0; i < NFDS; i++)
        if (fds[i] > 2)
            close(fds[i]);
    clearenv();
    for (int i = 0; i < nenv; i++)
        putenv(env[i]); /* the strings become the environment */
    free(env);
    umask(mask);
    free(body);
    if (send_reply(sock, REPLY_PID, (int64_t)getpid()) != 0)
        _exit(2);
    is_child = true;
    int status = run(argc, argv);
    fflush(stdout);
    fflush(stderr);
    /* The output is written: let go of the client's streams (whoever reads
     * them sees their end when the client ends) and let the client go on
     * while this process winds down. Sanitizer builds keep stderr for the
     * leak report at exit. */
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, 0);
        dup2(null, 1);
#ifndef __SANITIZE_ADDRESS__
        dup2(null, 2);
#endif
        if (null > 2)
            close(null);
    }
    send_reply(sock, REPLY_STATUS, status);
    close(sock);
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    free(argv);
    clang_api_finish();
    exit(status);
}

/* Loads libclang and lets it set itself up (its first parse does much
 * once for all), all on this thread: fork copies only the calling thread. */
static int warm_up(void)
{
    const char *why;
    if (clang_api_load_now(&why) != 0)
        return -1;
    static const char name[] = "dumpcheck-warm-up.c";
    static const char text[] = "int dumpcheck_warm_up(void) { return 0; }\n";
    struct CXUnsavedFile f = {name, text, sizeof text - 1};
    const char *args[] = {"--target=x86_64-w64-mingw32", "-fms-extensions"};
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu = NULL;
    if (clang_parseTranslationUnit2(index, name, args, 2, &f, 1, CXTranslationUnit_KeepGoing, &tu) ==
            CXError_Success &&
        tu)
        clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
    return 0;
}

static bool single_threaded(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return false;
    char line[256];
    int threads = -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "Threads: %d", &threads) == 1)
            break;
    fclose(f);
    return threads == 1;
}

static long idle_seconds(void)
{
    const char *v = getenv("DUMPCHECK_RESIDENT_IDLE");
    char *end;
    long s = v && v[0] ? strtol(v, &end, 10) : 0;
    return v && v[0] && *end == '\0' && s > 0 ? s : DEFAULT_IDLE_SECONDS;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int resident_serve(const char *path, int (*run)(int, char **))
{
    size_t n = strlen(path);
    if (path[0] != '/' || n < 6 || strcmp(path + n - 5, ".sock")) {
        fprintf(stderr, "dumpcheck: error: %s takes the absolute path of a .sock file\n", RESIDENT_SERVER_ARG);
        return 2;
    }
    /* One per socket: the lock is held for life. */
    char *lock_path = lock_path_of(path);
    int lock = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    free(lock_path);
    if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB) != 0)
        return 0;
    if (warm_up() != 0 || !single_threaded())
        return 1;

    int lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    if (lfd < 0 || strlen(path) >= sizeof a.sun_path)
        return 1;
    memcpy(a.sun_path, path, strlen(path) + 1);
    unlink(path); /* a socket left by one that died: we hold the lock */
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(lfd, 64) != 0)
        return 1;
    struct stat st;
    if (stat(path, &st) != 0)
        return 1;
    serving_path = path;
    serving_ino = st.st_ino;
    signal(SIGTERM, leave);
    signal(SIGINT, leave);
    signal(SIGHUP, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);

    /* SIGCHLD is blocked but while waiting, so that a child's end wakes
     * the wait and is never missed between the wait and the reaping. */
    sigset_t chld, waiting;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &waiting);
    sigdelset(&waiting, SIGCHLD);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = wake;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, NULL);

    struct running runs = {0};
    long idle = idle_seconds();
    double last = now_s();
    for (;;) {
        reap(&runs);
        double left = (double)idle - (now_s() - last);
        if (left <= 0 && runs.n == 0)
            leave(0);
        /* Wake now and then too, to notice the socket gone. */
        double wait = left > 5 ? 5 : left > 0 ? left : 1;
        struct timespec ts = {(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)};
        struct pollfd p = {lfd, POLLIN, 0};
        int n = ppoll(&p, 1, &ts, &waiting);
        if (n < 0 && errno != EINTR)
            leave(0);
        if (stat(path, &st) != 0 || st.st_ino != serving_ino)
            _exit(0); /* removed or replaced: no one can reach us */
        if (n <= 0)
            continue;
        int conn = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
        if (conn < 0)
            continue;
        last = now_s();
        if (!peer_is_us(conn)) {
            close(conn);
            continue;
        }
        pid_t pid = fork();
        if (pid == 0) {
            close(lfd);
            close(lock);
            for (size_t i = 0; i < runs.n; i++)
                close(runs.v[i].conn);
            free(runs.v);
            /* A run's signals do what they do to a run of its own (an
             * interrupt must not end it as it ends this process). */
            serving_path = NULL;
            const int changed[] = {SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD};
            for (size_t i = 0; i < sizeof changed / sizeof changed[0]; i++)
                signal(changed[i], SIG_DFL);
            sigprocmask(SIG_UNBLOCK, &chld, NULL);
            serve_one(conn, run);
        }
        if (pid < 0) {
            close(conn);
            continue;
        }
        runs.v = xrealloc(runs.v, sizeof *runs.v * (runs.n + 1));
        runs.v[runs.n].pid = pid;
        runs.v[runs.n].conn = conn;
        runs.n++;
    }
}
