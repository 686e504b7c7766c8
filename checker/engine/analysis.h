/* The whole-driver analysis: runs the rules over the linked model. The
 * engine proper (dataflow.h) knows nothing of any rule; rules register
 * hooks here (checks/). */
#ifndef DUMPCHECK_ANALYSIS_H
#define DUMPCHECK_ANALYSIS_H

#include "../model.h"
#include "../report/diag.h"
#include "../checks/checks.h"

struct config_severity;

struct analysis_options {
    const char *checks;                 /* globs */
    const struct config_severity *severities;
    int nseverities;
};

/* Runs every enabled rule; findings are appended to `out`. */
void analysis_run(const struct model *m, const struct analysis_options *ao, struct diag_list *out);

#endif
