/* Wall time per stage of a run, for DUMPCHECK_STATS=1 (printed on stderr at
 * the end). Marks are taken from the main thread only. */
#ifndef DUMPCHECK_PHASE_TIMES_H
#define DUMPCHECK_PHASE_TIMES_H

#include <stdbool.h>

bool phase_times_enabled(void);
/* Ends the current stage under `name` (a string literal) and starts the next. */
void phase_mark(const char *name);
/* "name 1.2 ms, name 3.4 ms, ..." on stderr, then forgets the marks. */
void phase_times_print(void);

#endif
