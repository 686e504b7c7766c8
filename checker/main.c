/* dumpcheck: the command line. */
#include <clang-c/Index.h>
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
    /* The first index registers LLVM's targets in a global list, which is
     * not safe to do from two threads at once (parse threads each create
     * an index): do it here, once, before any thread starts. */
    clang_disposeIndex(clang_createIndex(0, 0));
    return cli_main(argc, argv);
}
