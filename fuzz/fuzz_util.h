/* Shared by the fuzzing harnesses: the input as a file, for the readers
 * that take a path (as dumpcheck hands them what the user names). */
#ifndef DUMPCHECK_FUZZ_UTIL_H
#define DUMPCHECK_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A file of this process holding data[0..size) under `name` in a private
 * folder made once; returns its path (static storage). */
static inline const char *fuzz_input_file(const char *name, const uint8_t *data, size_t size)
{
    static char dir[64];
    static char path[128];
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/dumpcheck-fuzz-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
        if (!mkdtemp(dir))
            abort();
    }
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        abort();
    return path;
}

/* Interned strings live for the process: start afresh now and then so a
 * long run does not grow without bound. */
static inline void fuzz_reset_strings(void)
{
    static unsigned iterations;
    extern void strtab_reset(void);
    if (++iterations % 4096 == 0)
        strtab_reset();
}

#endif
