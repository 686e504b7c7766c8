/* The rule pack: data that says what the checker knows about the WDK.
 * Built-in data (rules/ntstatus.tsv, rules/families.yaml) is embedded at
 * build time; a project's .dumpcheck.yaml can add to the families. */
#ifndef DUMPCHECK_RULEPACK_H
#define DUMPCHECK_RULEPACK_H

#include <stdint.h>
#include <stdbool.h>
#include "util/util.h"
#include "roles.h"

/* ---- NTSTATUS table (generated from mingw-w64's ntstatus.h) ---- */

/* The STATUS_ name for a value, or NULL when ntstatus.h defines none.
 * Several names can share a value: the first in the header wins. */
const char *ntstatus_name(uint32_t value);
/* The value of a STATUS_ name. */
bool ntstatus_value(const char *name, uint32_t *value);
/* Number of entries (for tests and --version). */
size_t ntstatus_count(void);

/* ---- resource families ---- */

enum rp_result_kind {
    RP_RESULT_RETURN,     /* the routine returns the resource (pointer, handle) */
    RP_RESULT_OUT_PARAM,  /* arg `arg` points to storage that receives it (&Handle) */
    RP_RESULT_IN_PLACE,   /* the object arg `arg` points to becomes the resource (&Lookaside, Mdl) */
    RP_RESULT_ARG_VALUE,  /* the value passed as arg `arg` gains a reference (ObReferenceObject(obj)) */
};

enum rp_condition {
    RP_ON_NON_NULL,       /* acquired when the returned resource is not NULL (default for RETURN) */
    RP_ON_NT_SUCCESS,     /* acquired when the routine returns an NT_SUCCESS status */
    RP_ON_TRUE,           /* acquired when the routine returns non-zero (BOOLEAN TRUE) */
    RP_ON_ALWAYS,         /* always acquired (void routines) */
};

struct rp_acquirer {
    str_id routine;
    int family;               /* index into rulepack.families */
    enum rp_result_kind result;
    int arg;                  /* OUT_PARAM / IN_PLACE / ARG_VALUE: 0-based argument */
    enum rp_condition on;
    int tag_arg;              /* -1 if none */
    int size_arg;             /* -1 if none */
    int when_arg;             /* -1, or: acquires only when this argument ... */
    int64_t when_value;       /* ... evaluates to this constant (RtlAnsiStringToUnicodeString's TRUE) */
};

struct rp_releaser {
    str_id routine;
    int family;
    int arg;                  /* the argument that carries the resource */
    bool arg_is_address;      /* the argument is the address of the resource's storage (&Lookaside) */
    int tag_arg;              /* -1 if none */
    int then_family;          /* -1, or: the object becomes a resource of this family (two-step release) */
};

/* A routine that operates on a live object of the family (a lookaside
 * list's ExAllocateFromNPagedLookasideList): calling it on a released one
 * is a use after release. */
struct rp_user {
    str_id routine;
    int family;
    int arg;                  /* the argument that carries the object */
    bool arg_is_address;      /* the argument is the address of the object's storage (&Lookaside) */
};

/* What a routine is documented to return, for calls the analysis does not
 * follow: the classes any value of which it may return (Q_* bits of
 * engine/value.h: success, informational, warning, error) and named values. */
#define RP_RESULT_MAX_VALUES 8
enum {
    RP_RET_SUCCESS = 1 << 1,  /* any success code other than STATUS_SUCCESS (0x1..0x3FFFFFFF) */
    RP_RET_INFO = 1 << 2,
    RP_RET_WARNING = 1 << 3,
    RP_RET_ERROR = 1 << 4,
};

struct rp_returns {
    str_id routine;
    uint8_t classes;          /* RP_RET_* */
    int nvalues;
    uint32_t values[RP_RESULT_MAX_VALUES];
    str_id names[RP_RESULT_MAX_VALUES];
};

struct rp_family {
    str_id name;              /* "pool" */
    str_id description;       /* "pool memory" */
};

struct rulepack {
    struct rp_family *families;
    int nfamilies;
    struct rp_acquirer *acquirers;
    int nacquirers;
    struct rp_releaser *releasers;
    int nreleasers;
    struct rp_user *users;
    int nusers;
    struct rp_returns *returns;
    int nreturns;
    str_id *noreturn;         /* routines that never return (KeBugCheckEx, ...) */
    int nnoreturn;
    str_id *non_acquiring;    /* documented non-acquisitions (MmInitializeMdl, IoBuildDeviceIoControlRequest) */
    int nnon_acquiring;
    str_id *keeps_pointer;    /* routines that keep a pointer they are given (InsertTailList, IoQueueWorkItem's context) */
    int nkeeps_pointer;
    str_id *accesses_pointer; /* routines that read or write through their pointer arguments (memset) */
    int naccesses_pointer;
    /* Which roles acquire resources owed to the dump stack, which releases them. */
    bool acquires_in_entry;
    bool acquires_in_role[ROLE_COUNT];
    enum dump_role release_role;
};

/* Load the built-in families; returns 0, or -1 with *err set (malloc'd). */
int rulepack_load_builtin(struct rulepack *rp, char **err);
/* Add families/routines from YAML text in the families schema (also the
 * `resources:` section of .dumpcheck.yaml). `origin` names the file in
 * errors ("path:line:col: message"). Existing family names are extended. */
int rulepack_add_yaml(struct rulepack *rp, const char *yaml, size_t len, const char *origin, char **err);
void rulepack_free(struct rulepack *rp);

const struct rp_acquirer *rulepack_find_acquirer(const struct rulepack *rp, str_id routine);
const struct rp_releaser *rulepack_find_releaser(const struct rulepack *rp, str_id routine);
const struct rp_user *rulepack_find_user(const struct rulepack *rp, str_id routine);
const struct rp_returns *rulepack_find_returns(const struct rulepack *rp, str_id routine);
bool rulepack_is_noreturn(const struct rulepack *rp, str_id routine);
bool rulepack_keeps_pointer(const struct rulepack *rp, str_id routine);
bool rulepack_accesses_pointer(const struct rulepack *rp, str_id routine);
int rulepack_family_index(const struct rulepack *rp, const char *name);

/* Rule documentation pages (rules/docs/<id>.md), embedded. NULL if none. */
const char *rule_doc_markdown(const char *rule_id);

#endif
