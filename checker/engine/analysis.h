/* The whole-driver analysis: which functions run as roots, in which order
 * (entry point, then Dump_Start, then Dump_Unload and the other callbacks,
 * each starting from what the previous ones left for the dump stack), and
 * the events rules subscribe to. The engine (engine.h) knows nothing of
 * any rule; the resource model (resources.c) turns acquire/release calls
 * into typestate; rules (checks/) only listen and report. */
#ifndef DUMPCHECK_ANALYSIS_H
#define DUMPCHECK_ANALYSIS_H

#include "../model.h"
#include "../report/diag.h"
#include "../checks/checks.h"
#include "engine.h"

struct config_severity;

struct proof;

struct analysis_options {
    const char *checks;                 /* globs */
    struct proof *proof;                /* filled with what was proved and assumed; NULL: not wanted */
};

/* What the root being analysed is. */
enum root_role {
    ROOT_ENTRY,
    ROOT_CALLBACK,    /* a.role says which */
};

struct analysis;

/* A resource release seen on a path. */
struct release_event {
    int obj;                            /* the object released */
    const struct rsrc *before;          /* its typestate before (NULL: untracked) */
    const struct rp_releaser *rel;
    str_id routine;
    loc_t loc;
    bool tag_known;
    int64_t tag;
};

struct analysis_hooks {
    const struct check *check;
    /* Model-level rules (no dataflow). */
    void (*on_model)(struct analysis *a, const struct check *c);
    /* A path of the root returns. */
    void (*on_exit)(struct analysis *a, const struct check *c, struct state *s, const struct ir_term *t,
                    const struct val *ret);
    /* A resource is released (before its typestate changes). */
    void (*on_release)(struct analysis *a, const struct check *c, struct state *s, const struct release_event *ev);
    /* Memory of a released object is accessed. */
    void (*on_released_access)(struct analysis *a, const struct check *c, struct state *s, int obj, loc_t loc);
    /* After every root ran. */
    void (*on_finish)(struct analysis *a, const struct check *c);
    /* A store (registrations, flags). */
    void (*on_store)(struct analysis *a, const struct check *c, struct state *s, mloc l, const struct ir_expr *lhs,
                     const struct val *old, const struct val *v, loc_t loc);
};

struct analysis {
    const struct model *m;
    const struct rulepack *rp;
    struct engine *E;
    struct diag_list *out;
    struct analysis_hooks hooks[32];
    int nhooks;
    /* the current root */
    enum root_role root_role;
    enum dump_role role;
    int root_func;
    /* objects the driver creates */
    int fe_obj;                         /* the FILTER_EXTENSION passed to callbacks */
    /* does the dump stack owe anything (entry/Start acquired something kept)? */
    int owed_count;
    bool unload_registered;
    bool summarizing;                   /* the bottom-up summary pass: rules hear nothing */
    const char *checks;                 /* the enabled rules' globs */
    struct proof *proof;                /* the account being filled, or NULL */
};

/* Is rule `id` enabled in this run? */
bool analysis_rule_enabled(const struct analysis *a, const char *id);

void analysis_subscribe(struct analysis *a, const struct analysis_hooks *h);

/* Reports a finding of check `c` at `loc`, with the path of `s` (if any)
 * as notes. Returns the diag to add more notes. */
struct diag *analysis_report(struct analysis *a, const struct check *c, const struct state *s, loc_t loc,
                             str_id subject, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Adds the path of `s` as notes (CSA style), after any notes already there. */
void analysis_add_path_notes(struct analysis *a, struct diag *d, const struct state *s);
/* The function a finding is reported in (the current root). */
const char *analysis_root_name(const struct analysis *a);

/* Runs every enabled rule; findings are appended to `out`. */
void analysis_run(const struct model *m, const struct analysis_options *ao, struct diag_list *out);

/* The resource model (resources.c). */
void resources_register(struct analysis *a);
/* The persistent part of a state (what the dump stack keeps): locals
 * dropped, typestate normalised to what is still owned and kept in a slot
 * that outlives the root (a global, the context, memory it was handed). */
void resources_persist(struct engine *E, struct state *s);
bool resources_is_summary(struct analysis *a, int obj);

/* Text for a family ("pool memory"). */
const char *family_desc(const struct analysis *a, int family);

#endif
