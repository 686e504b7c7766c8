/* dumpcheck: the command line. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clang_api.h"
#include "cli.h"
#include "resident.h"

int main(int argc, char **argv)
{
    /* libclang parses on a thread of its own with an 8 MB stack, which deep
     * generated code overflows. Parse on our own threads (which have room)
     * instead; its crash recovery still turns a crash into an error code.
     * Set before the library loads, and before any other thread runs. */
    setenv("LIBCLANG_NOTHREADS", "1", 0);
    /* A file-size limit makes a write fail (and the run say so), not end
     * the process. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc == 3 && !strcmp(argv[1], RESIDENT_SERVER_ARG))
        return resident_serve(argv[2], cli_main);
    bool resident = resident_wanted(argc, argv);
    int rc;
    if (resident && resident_run(argc, argv, &rc))
        return rc;
    rc = cli_main(argc, argv);
    /* For the next run (after our own output, which it must not delay). */
    if (resident)
        resident_start();
#ifndef __SANITIZE_ADDRESS__
    /* Should a run end while the library is still loading (it started the
     * load and then found it had nothing to parse), leave without waiting:
     * nothing of ours is left to clean up that the system does not, and the
     * loader's initialisers must not run alongside exit's. (Sanitizer
     * builds wait, to check for leaks.) */
    if (clang_api_loading()) {
        fflush(NULL);
        _exit(rc);
    }
#endif
    clang_api_finish();
    return rc;
}
