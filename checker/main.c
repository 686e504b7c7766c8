/* dumpcheck: the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int main(int argc, char **argv)
{
    /* libclang parses on a thread of its own with an 8 MB stack, which deep
     * generated code overflows. Parse on our own threads (which have room)
     * instead; its crash recovery still turns a crash into an error code. */
    setenv("LIBCLANG_NOTHREADS", "1", 0);
    return cli_main(argc, argv);
}
