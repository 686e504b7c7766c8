/* What a run proved, and what it had to assume: the account that the
 * summary line counts, --summary prints, and SARIF and JSON carry. Plain
 * data, filled by the analysis (engine/analysis.c) and the driver. */
#ifndef DUMPCHECK_PROOF_H
#define DUMPCHECK_PROOF_H

#include "ir.h"
#include "roles.h"

struct proof_callback {
    str_id name;
    const char **findings;        /* status rules that reported on its paths (static ids) */
    int nfindings;
    enum dump_role role;          /* ROLE_NONE: the entry point */
    loc_t loc;
    bool analysed;                /* false: its body was not understood */
    char *returns;                /* "STATUS_SUCCESS, STATUS_INSUFFICIENT_RESOURCES"; NULL if it returns no value */
};

enum proof_outcome {
    PO_RELEASED,                  /* released at `at` by `routine` */
    PO_NOT_RELEASED,              /* still owned when the path ends */
    PO_NULL,                      /* NULL on the path: nothing to release */
    PO_UNTRACKED,                 /* tracking ended on the path (see the assumptions) */
    PO_FINDING,                   /* the path ended at a finding about it (a second release, a use after release) */
};

/* One way a path of the releasing callback ends for one resource. */
struct proof_release {
    enum proof_outcome what;
    loc_t at;                     /* the release call (PO_RELEASED), else the path's end */
    str_id routine;
    loc_t path_end;               /* the return (or closing brace) that ends the path */
    str_id in_func;               /* the releasing callback */
    const char *finding;          /* the rule that reported here, if one did */
};

struct proof_resource {
    int obj;                      /* the analysis's object (internal) */
    str_id name;                  /* "ctx->BounceMdl" */
    str_id acquirer;              /* "IoAllocateMdl" */
    str_id role;                  /* "Dump_Start", "the entry point" */
    loc_t site;
    char *family;                 /* "MDL" */
    struct proof_release *rel;
    int nrel, caprel;
};

struct proof_assumption {
    const char *kind;             /* "unseen-call", "tracking-ended", "bound-reached", ... */
    loc_t loc;
    str_id reason;
    str_id subject;
    str_id root;                  /* the function analysed when it was made */
    bool could_hide;              /* it could hide a finding (reported as dump-analysis-incomplete) */
};

struct proof {
    bool analysed;                /* the analysis ran (else only the files are known) */
    int nfiles;
    str_id entry;
    loc_t entry_loc;
    const char *no_release_finding; /* dump-callback-missing reported: what releases nothing */
    struct proof_callback *cb;
    int ncb, capcb;
    struct proof_resource *res;
    int nres, capres;
    struct proof_assumption *as;
    int nas;
};

struct diag_list;
/* Names, on each path end of the account, the finding reported there. */
void proof_link_findings(struct proof *p, const struct diag_list *findings);
void proof_free(struct proof *p);
const char *proof_outcome_name(enum proof_outcome o);   /* "released", "not released", ... */

#endif
