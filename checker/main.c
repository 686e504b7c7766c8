/* dumpcheck: the command line. */
#include <stdlib.h>

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
    clang_api_finish();
    return rc;
}
