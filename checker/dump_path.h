/* The functions a dump filter's contract depends on must all be analysed:
 * one the lowering could not represent is never skipped in silence. */
#ifndef DUMPCHECK_DUMP_PATH_H
#define DUMPCHECK_DUMP_PATH_H

#include "model.h"
#include "report/diag.h"

/* For the entry point, every registered callback and every function they
 * call (directly, transitively) whose body the lowering marked incomplete,
 * adds an error naming the function, the callback it serves and the
 * construct; returns how many. */
int dump_path_unanalysable(const struct model *m, struct diag_list *problems);

#endif
