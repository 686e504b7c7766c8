/* The dataflow engine: a forward, path-sensitive analysis of one root
 * function (with analysed callees inlined) over the IR's CFG.
 *
 * States live in a symbolic store (access paths -> abstract values) plus
 * per-object typestate records that rules own. At each block the engine
 * keeps at most ENGINE_MAX_STATES states, one per distinct *property* (as
 * hooks define it: e.g. which resources are owned); states of the same
 * property are joined (ESP, Das/Lerner/Seigle 2002), so work grows
 * linearly with the code. Each state remembers the first path that reached
 * it, which is what path notes are made of.
 *
 * The engine knows nothing of any rule: rules register hooks. */
#ifndef DUMPCHECK_ENGINE_H
#define DUMPCHECK_ENGINE_H

#include "../model.h"
#include "value.h"

#define ENGINE_MAX_STATES 12
#define ENGINE_MAX_INLINE_DEPTH 6
#define ENGINE_MAX_ELEMENTS 64        /* constant indices at or past it name the elements' summary */
#define ENGINE_INLINE_BUDGET 400000   /* statements executed per root before helpers stop being followed */

/* ---- memory locations ---- */

enum root_kind { R_NONE = 0, R_LOCAL, R_GLOBAL, R_OBJ };

/* A local's location id: its frame (call depth) above its index. */
#define LOCAL_INDEX_BITS 22

typedef struct mloc {
    uint8_t root;
    uint32_t id;        /* R_LOCAL: frame << LOCAL_INDEX_BITS | index; R_GLOBAL: USR; R_OBJ: object id */
    str_id path;        /* ".Field.Sub[]", 0 for the whole variable/object */
} mloc;

static inline bool mloc_valid(mloc l) { return l.root != R_NONE; }

/* ---- abstract objects (shared by every state of an analysis) ---- */

enum obj_kind {
    OBJ_SYMBOLIC,  /* whatever a pointer read from `origin` points to */
    OBJ_ALLOC,     /* created by an acquiring call at `site` */
    OBJ_PLACE,     /* the storage at location `place` (for &local, &g.Field) */
    OBJ_DERIVED,   /* a second resource on `parent` (locked pages of an MDL) */
    OBJ_FIXED,     /* objects the analysis driver creates (the filter extension) */
    OBJ_GROUP,     /* the elements `place` (a path with [*N], [*] or []) stands for, read through a
                      variable index: engine_group_members names them */
};

struct obj {
    enum obj_kind kind;
    str_id name;        /* how messages name it: "ctx->Mdl", "g_Buffer" */
    loc_t site;         /* OBJ_ALLOC: the acquiring call */
    str_id routine;     /* OBJ_ALLOC: the acquiring routine */
    str_id role;        /* OBJ_ALLOC: the role whose code acquired it ("Dump_Start") */
    int name_depth;     /* call depth of the store that named it (a caller's name is better) */
    int family;         /* rule data: resource family */
    bool tag_known;
    int64_t tag;
    bool summary;       /* stands for many (array elements): no per-instance claims */
    bool named_by_local; /* `name` is a local variable's: a field or global it is stored in names it better */
    mloc place;         /* OBJ_PLACE */
    int parent;         /* OBJ_DERIVED */
    uint64_t key;
};

/* ---- typestate records (owned by rules; the engine joins them) ---- */

enum {
    RS_OWNED = 1 << 0,
    RS_RELEASED = 1 << 1,
    RS_NULL = 1 << 2,      /* the acquisition failed / the pointer was NULL */
    RS_ESCAPED = 1 << 3,   /* handed to code the analysis cannot see */
};

struct rsrc {
    int obj;
    uint8_t st;            /* RS_* bits: what it may be on the paths joined here */
    int family;
    loc_t rel_loc;
    str_id rel_routine;
};

/* ---- path events (notes) ---- */

struct event {
    struct event *prev;
    loc_t loc;
    str_id msg;
    int depth;             /* call depth, 0 = the root function */
    uint32_t len;          /* events on this path so far */
};

/* ---- states ---- */

struct sent {
    uint64_t key;
    mloc l;
    struct val v;
};

struct fact {
    str_id key;
    struct val v;
};

struct state {
    struct sent *e;
    int n, cap;
    struct rsrc *r;
    int nr, capr;
    struct fact *f;
    int nf, capf;
    struct event *trace;
    int depth;              /* current call depth */
    struct val retval;      /* set by `return` */
    bool dirty;
    bool dead;              /* a rule ended this path */
};

struct engine;
struct frame_info;

/* ---- the assumption log ----
 * Every place the analysis stops knowing something is recorded here, with
 * its reason and place, so that no loss is silent: --summary and the
 * reports list the log, and dump-analysis-incomplete reports the entries
 * that could hide a finding. The engine records bounds and unseen calls;
 * the resource model records where a resource's tracking ends. */
enum assumption_kind {
    ASSUME_UNSEEN_CALL,     /* a call into code the analysis cannot see */
    ASSUME_TRACKING_ENDED,  /* a resource stopped being tracked (reason: why) */
    ASSUME_BOUND,           /* a bound was reached: states joined, helper not followed */
    ASSUME_LOOP_WIDENED,    /* a loop's values were widened to reach a fixed point */
    ASSUME_NOT_ANALYSED,    /* a function's body was not (fully) understood */
};

struct assumption {
    enum assumption_kind kind;
    loc_t loc;              /* where it happened */
    str_id reason;          /* why, as a phrase ("passed to 'Foo', which has no body in the analysed sources") */
    str_id subject;         /* what it is about: a resource's or routine's name; 0 if nothing in particular */
    int obj;                /* the resource object concerned, or -1 */
    str_id root;            /* the root function analysed when it happened; 0 outside a run */
    bool owned;             /* the resource was still owed on that path: the end could hide a finding */
};

/* Records an assumption (deduplicated by kind, place, object and reason).
 * During the bottom-up summary pass nothing is recorded (its roots are
 * not the driver's). */
void engine_assume(struct engine *E, enum assumption_kind kind, loc_t loc, int obj, bool owned, str_id subject,
                   const char *reason_fmt, ...) __attribute__((format(printf, 7, 8)));
/* The log so far, in the order recorded. */
const struct assumption *engine_assumptions(const struct engine *E, int *n);
const char *assumption_kind_name(enum assumption_kind k); /* "unseen-call", "tracking-ended", ... */


/* What a hook is told about the statement being executed. */
struct call_site {
    const struct ir_func *func;     /* the function containing the call */
    const struct ir_stmt *stmt;
    const struct ir_call *call;
    str_id name;                    /* the routine (macro name first when it names a routine) */
    struct val *args;
    int nargs;
    mloc *arg_place;                /* for &x arguments: the location x; else R_NONE */
    mloc result_loc;                /* where the result goes (R_NONE: discarded) */
    int depth;
};

struct engine_hooks {
    void *ud;
    /* A call to a routine: return true if modelled (then *result is the
     * call's value). May add alternative outcomes with engine_fork. */
    bool (*on_call)(struct engine *E, struct state *s, const struct call_site *cs, struct val *result, void *ud);
    /* A call into code the analysis cannot see, whose result is used:
     * return true with *result set to what the routine is documented to
     * return (engine_known_result). */
    bool (*external_result)(struct engine *E, struct state *s, const struct call_site *cs, struct val *result,
                            void *ud);
    /* Memory of object `obj` is read or written at `loc`. */
    void (*on_access)(struct engine *E, struct state *s, int obj, loc_t loc, const struct ir_expr *e, void *ud);
    /* A store (after it happened); `old` is the previous value. */
    void (*on_store)(struct engine *E, struct state *s, mloc l, const struct ir_expr *lhs, const struct val *old,
                     const struct val *v, loc_t loc, void *ud);
    /* A pointer to `obj` was found NULL on this path. */
    void (*on_null)(struct engine *E, struct state *s, int obj, void *ud);
    /* A pointer to `obj` escapes into code the analysis cannot see, at
     * `loc`; `why` says how ("passed to 'Foo', ..."), for the assumption log. */
    void (*on_escape)(struct engine *E, struct state *s, int obj, loc_t loc, str_id why, void *ud);
    /* The root function returns (t: the return / closing brace). */
    void (*on_exit)(struct engine *E, struct state *s, const struct ir_term *t, const struct val *ret, void *ud);
    /* Words for a branch decision ("'status' is not a success code"), or
     * NULL to let the engine describe it. Returns a malloc'd string. */
    char *(*describe_branch)(struct engine *E, const struct ir_func *f, const struct ir_expr *cond, bool truth,
                             void *ud);
    /* The property that separates states (ESP): equal keys are joined. */
    uint64_t (*key)(struct engine *E, const struct state *s, void *ud);
    /* A coarser property that must never be joined away, even when a block
     * holds too many states (e.g. "this path registered the filter"). */
    uint64_t (*coarse_key)(struct engine *E, const struct state *s, void *ud);
};

struct engine *engine_new(const struct model *m);
void engine_free(struct engine *E);
void engine_add_hooks(struct engine *E, const struct engine_hooks *h);
/* Bottom-up summaries: what an analysed function returns on any path.
 * Used for calls the engine does not follow into (recursion, depth,
 * budget); in summary mode no call is followed, only summaries used. */
bool engine_set_summary(struct engine *E, int func, const struct val *ret); /* true if it grew */
void engine_summary_mode(struct engine *E, bool on);
/* Removes the hooks added last (a root's own hooks after its run). */
void engine_pop_hooks(struct engine *E);
const struct model *engine_model(struct engine *E);

/* Objects. */
int engine_obj_fixed(struct engine *E, uint64_t key, const char *name);
int engine_obj_alloc(struct engine *E, const struct ir_stmt *site_stmt, int family, loc_t site, str_id routine, str_id name);
int engine_obj_derived(struct engine *E, int parent, int family);
int engine_obj_place(struct engine *E, mloc l);
struct obj *engine_obj(struct engine *E, int id);
int engine_nobjs(struct engine *E);
/* The object standing for what the value stored at `l` points to. */
int engine_obj_symbolic(struct engine *E, mloc l, str_id name);

/* States. */
struct state *state_new(void);
struct state *state_clone(const struct state *s);
void state_free(struct state *s);
struct val state_load(struct engine *E, struct state *s, mloc l, const struct ir_type *ty);
bool state_lookup(const struct state *s, mloc l, struct val *out);
void state_store(struct state *s, mloc l, struct val v);
void state_remove(struct state *s, mloc l);
struct rsrc *state_rsrc(struct state *s, int obj);          /* NULL if none */
struct rsrc *state_rsrc_add(struct state *s, int obj);      /* create if absent */
void state_set_fact(struct state *s, str_id key, struct val v);
const struct val *state_fact(const struct state *s, str_id key);
/* Joins b into a (a keeps its trace). Returns true if a changed. */
bool state_join(struct state *a, const struct state *b, bool widen);
void state_note(struct engine *E, struct state *s, loc_t loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
mloc mloc_make(uint8_t root, uint32_t id, str_id path);
/* Array elements in paths: "[3]" is element 3; "[]" is the summary slot
 * (elements stored through an index the analysis cannot name); "[*8]" is
 * each of elements 0..7 in turn (a counting loop's index), "[*]" each of
 * a number of them the analysis cannot bound. A store to a "[*N]" path
 * updates elements 0..N-1 and the slot; a read through "[*...]" or "[]"
 * yields the elements' values (an OBJ_GROUP pointer when they differ). */
bool mloc_is_elements(mloc l);
/* The objects group `group` stands for in `s` (pointer values of the
 * elements its path matches). covered[i]: the access visits that element
 * for certain (a counting loop's index within its bound, or the slot). */
int engine_group_members(struct engine *E, const struct state *s, int group, int *objs, bool *covered, int max);
mloc mloc_sub(mloc l, const char *suffix);
/* A location's object (R_OBJ root or a place object's location). */
mloc engine_obj_loc(struct engine *E, int obj, str_id path);

/* During a hook: an alternative outcome of the current call. The engine
 * continues with both `s` and the fork. */
struct state *engine_fork(struct engine *E, struct state *s);
/* During a hook: the path of `s` ends here (a rule reported on it). */
void engine_end_path(struct state *s);

/* Runs `func` as the root, from the states in `init` (taken over). The
 * hooks' on_exit sees every state that returns. */
void engine_run(struct engine *E, int func, struct state **init, int ninit);

/* Stores every global's static initializer into `s` (the state at the
 * entry point: what the image starts with). */
void engine_apply_initializers(struct engine *E, struct state *s);

/* C-like text of an expression ("ctx->Buffer"), for messages. */
char *expr_text(const struct ir_func *f, const struct ir_expr *e);
/* The current root function (valid during engine_run). */
const struct ir_func *engine_root(struct engine *E);
/* Evaluate an expression in the current frame of `s` (for hooks). */
struct val engine_eval(struct engine *E, struct state *s, const struct ir_func *f, const struct ir_expr *e);
mloc engine_lvalue(struct engine *E, struct state *s, const struct ir_func *f, const struct ir_expr *e);

#endif
