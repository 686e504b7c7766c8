/* The resident process: libclang loaded once, each run forked from it.
 *
 * A fresh process spends most of a one-file re-check loading libclang and
 * LLVM (relocating and initialising them). With --resident, a run hands
 * itself to a background process of the same dumpcheck build that has the
 * library loaded and initialised: the process forks, the child takes the
 * client's standard streams, working folder, environment and arguments, and
 * runs exactly what the client would have run. The first run that finds
 * none runs itself and starts one; it leaves after some idle minutes. */
#ifndef DUMPCHECK_RESIDENT_H
#define DUMPCHECK_RESIDENT_H

#include <stdbool.h>

#define RESIDENT_SERVER_ARG "--resident-server"

/* Does this command line ask for the resident process (--resident before
 * any "--", or DUMPCHECK_RESIDENT=1), and not as a language server? */
bool resident_wanted(int argc, char **argv);
/* Hands the run to the resident process: true when it ran it, with its
 * exit status in *status; false when none answered (run here). */
bool resident_run(int argc, char **argv, int *status);
/* Starts a resident process in the background, for the next runs. */
void resident_start(void);
/* --start-resident: starts one (unless one answers) and waits until it
 * answers. 0, or -1 with a message on stderr. */
int resident_start_and_wait(void);
/* --stop-resident: 0 (stopped, or none was running), or -1. */
int resident_stop(void);
/* Is this process a run forked by the resident process? */
bool resident_is_child(void);
/* The resident process itself (argv: RESIDENT_SERVER_ARG SOCKET); runs
 * each request with `run`, which returns its exit status. Returns only in
 * the resident process, when it leaves. */
int resident_serve(const char *socket_path, int (*run)(int argc, char **argv));

#endif
