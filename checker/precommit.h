/* --pre-commit: the files pre-commit passes (the staged ones) name the
 * drivers to check, each whole. */
#ifndef DUMPCHECK_PRECOMMIT_H
#define DUMPCHECK_PRECOMMIT_H

#include "options.h"

/* Checks, each on its own and whole, every driver a file of `o->files`
 * belongs to: the driver a compile_commands.json describes (in the file's
 * folder or above, or in a build/ folder there, as clangd finds it), or the
 * sources under the nearest folder holding a .dumpcheck.yaml. A header
 * re-checks the driver of its folder. Files of no driver are skipped with a
 * note. `check` runs one check and prints it; the worst status is returned. */
int precommit_run(const struct options *o, int (*check)(const struct options *o));

#endif
