/* The whole driver: every translation unit's functions and globals linked
 * by USR, the call graph, and the dump filter's callback registrations. */
#ifndef DUMPCHECK_MODEL_H
#define DUMPCHECK_MODEL_H

#include "ir.h"
#include "roles.h"
#include "rulepack.h"

/* str_id -> index. */
struct idmap {
    struct u64map map;
};
void idmap_put(struct idmap *m, str_id key, int val);
int idmap_get(const struct idmap *m, str_id key); /* -1 if absent */
void idmap_free(struct idmap *m);

struct mfunc {
    str_id usr, name;
    struct ir_func *def;          /* NULL: no body in the analysed code */
    loc_t decl_loc;               /* the first declaration outside system headers */
    str_id role_typedef;          /* declared as `DUMP_UNLOAD F;` */
    loc_t role_decl_loc;
    str_id canon_type;
    bool is_static;
    bool noreturn;
    int tu;
    int *callees;
    int ncallees;
    int *callers;
    int ncallers;
};

struct mglobal {
    str_id usr, name;
    struct ir_global *def;
};

struct registration {
    enum dump_role role;
    int func;                     /* the registered function (model index), -1 if unknown */
    str_id func_name;
    loc_t site;                   /* the store into FILTER_INITIALIZATION_DATA */
    int in_func;                  /* function holding the store; -1: a global's initializer */
    bool through_cast;            /* the value was cast (the type may not match) */
    str_id via;                   /* the function-pointer variable it went through, if any */
    const struct ir_stmt *stmt;
};

struct model {
    struct tu_facts *tus;
    int ntus;
    /* Every distinct set of facts of the driver, in link order: a shared
     * header block's (once, before the first TU that holds it), then each
     * TU's own. Walk these, not tus, to see each function body once. */
    const struct tu_facts **blocks;
    int nblocks;
    struct mfunc *funcs;
    int nfuncs, capfuncs;
    struct idmap func_index;
    struct mglobal *globals;
    int nglobals, capglobals;
    struct idmap global_index;
    struct registration *regs;
    int nregs, capregs;
    int entry;                    /* the filter's entry point, -1 if none */
    char *entry_why;
    /* Canonical function type of each role (from the headers the TUs saw). */
    str_id role_canon_type[ROLE_COUNT];
    const struct rulepack *rp;
};

/* Takes ownership of the facts array. */
void model_build(struct model *m, struct tu_facts *tus, int ntus, const struct rulepack *rp);
void model_free(struct model *m);

int model_func(const struct model *m, str_id usr);
int model_global(const struct model *m, str_id usr);
/* Follows casts, &, and function-pointer variables to the function an
 * expression designates; -1 if none. `via` receives the variable used. */
int model_resolve_function(const struct model *m, const struct ir_func *in, const struct ir_expr *e,
                           bool *through_cast, str_id *via);
/* Is this record FILTER_INITIALIZATION_DATA (or a private copy of it)? */
bool model_is_init_data_record(str_id record);
bool model_is_filter_extension_record(str_id record);
/* The distinct functions registered for a role (indices), in site order. */
int model_role_functions(const struct model *m, enum dump_role role, int *out, int max);

#endif
