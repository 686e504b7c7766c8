/* dumpcheck: the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "clang_api.h"
#include "cli.h"

int main(int argc, char **argv)
{
    /* libclang parses on a thread of its own with an 8 MB stack, which deep
     * generated code overflows. Parse on our own threads (which have room)
     * instead; its crash recovery still turns a crash into an error code.
     * Set before the library loads, and before any other thread runs. */
    setenv("LIBCLANG_NOTHREADS", "1", 0);
    clang_api_start();
    int rc = cli_main(argc, argv);
#ifndef __SANITIZE_ADDRESS__
    /* A run the cache answered never needed the library: leave without
     * waiting for it to finish loading. Nothing of ours is left to clean up
     * that the system does not, and the loader's initialisers must not run
     * alongside exit's. (Sanitizer builds wait, to check for leaks.) */
    if (clang_api_loading()) {
        fflush(NULL);
        _exit(rc);
    }
#endif
    clang_api_finish();
    return rc;
}
