/* One check of one driver: parse -> find callbacks -> build CFG -> dataflow
 * -> rules -> findings. Used by the command line and the language server. */
#ifndef DUMPCHECK_DRIVER_H
#define DUMPCHECK_DRIVER_H

#include <stdio.h>
#include "options.h"
#include "proof.h"
#include "report/diag.h"

struct model;

struct run_result {
    struct diag_list findings;    /* rule findings, sorted; suppressed ones flagged */
    struct diag_list problems;    /* why checking failed or was partial (compile errors...) */
    int status;                   /* EXIT_CLEAN / EXIT_FINDINGS / EXIT_CANNOT_CHECK */
    struct model *model;          /* the linked driver, for --list-callbacks */
    struct proof proof;           /* what was proved and assumed (the summary, --summary) */
};

/* Runs the whole pipeline. Never exits; messages about problems go to
 * r->problems (and are printed by the caller). */
int dumpcheck_analyze(const struct options *o, struct run_result *r);
void run_result_free(struct run_result *r);
/* --dump-config: the effective settings (command line over .dumpcheck.yaml)
 * and each file to check with its own arguments, as YAML. */
int dumpcheck_dump_config(const struct options *o, FILE *out, struct diag_list *problems);

/* Output writers. `root` is the folder URIs are made relative to (SARIF). */
void report_text(FILE *out, const struct diag_list *l, const struct options *o);
int report_json(FILE *out, const struct run_result *r, const struct options *o);
int report_sarif(FILE *out, const struct run_result *r, const struct options *o);
/* The one line that ends every text run: what was checked and found. */
void report_summary_line(FILE *out, const struct run_result *r);
/* --summary: the whole account, as text. */
void report_account_text(FILE *out, const struct run_result *r, const struct options *o);

#endif
