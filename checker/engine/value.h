/* Abstract values: integers as small constant sets plus the 32-bit
 * "quarters" an unknown part may lie in (enough for NTSTATUS severities:
 * NT_SUCCESS is quarters 0-1, NT_ERROR quarter 3), pointers to abstract
 * objects, function designators. No rule logic here. */
#ifndef DUMPCHECK_VALUE_H
#define DUMPCHECK_VALUE_H

#include "../ir.h"

#define VAL_MAX_CONST 4

/* Where an unknown integer may lie, as a 32-bit pattern. */
enum {
    Q_ZERO = 1 << 0,   /* 0 */
    Q_SUCC = 1 << 1,   /* 0x00000001..0x3FFFFFFF */
    Q_INFO = 1 << 2,   /* 0x40000000..0x7FFFFFFF */
    Q_WARN = 1 << 3,   /* 0x80000000..0xBFFFFFFF */
    Q_ERR = 1 << 4,    /* 0xC0000000..0xFFFFFFFF */
    Q_ALL = 0x1f,
};

/* Where a value came from, for rules to judge it. */
enum {
    VF_UNINIT = 1 << 0,    /* uninitialized on some path */
    VF_EXTERNAL = 1 << 1,  /* produced by code outside the analysis */
    VF_POINTER = 1 << 2,   /* a pointer converted to an integer */
    VF_SYMBOLIC = 1 << 3,  /* a pointer to whatever the location held before the analysis */
};

enum val_kind {
    V_NONE = 0,   /* nothing known yet (bottom) */
    V_INT,        /* constants[] and/or an unknown part in `quarters` */
    V_PTR,        /* pointer to object `obj`, possibly NULL (may_null) */
    V_FUNC,       /* address of a function */
    V_TOP,        /* anything */
};

struct val {
    uint8_t kind;
    uint8_t flags;
    uint8_t quarters;          /* V_INT: unknown part; 0 when only constants */
    uint8_t nconst;
    bool may_null;             /* V_PTR */
    int obj;                   /* V_PTR: object id */
    str_id func;               /* V_FUNC: USR */
    int64_t c[VAL_MAX_CONST];  /* V_INT constants (as 32-bit patterns for 32-bit types) */
    str_id ctext[VAL_MAX_CONST];
    loc_t cloc[VAL_MAX_CONST]; /* where each constant was produced */
    loc_t origin;              /* unknown/external part: where it came from */
    str_id origin_name;        /* ...and from which routine */
};

struct val val_top(void);
struct val val_int(int64_t v, str_id text, loc_t loc);
struct val val_unknown_int(uint8_t quarters, uint8_t flags, loc_t origin, str_id origin_name);
struct val val_uninit(loc_t decl);
struct val val_ptr(int obj, bool may_null);
struct val val_func(str_id usr);

bool val_equal(const struct val *a, const struct val *b);
/* Least upper bound; constant sets beyond VAL_MAX_CONST fold into quarters. */
struct val val_join(const struct val *a, const struct val *b);
/* Loop widening: constants become their quarters. */
struct val val_widen(const struct val *v);
uint64_t val_hash(const struct val *v);

/* Quarter of a 32-bit pattern. */
uint8_t quarter_of(int64_t v);
/* Normalises a constant to a 32-bit pattern of an integer type of `size`. */
int64_t val_norm32(int64_t v, int size, bool is_unsigned);

/* An NTSTATUS that is a failure (warning or error) on every value it may take. */
bool val_definitely_failure(const struct val *v);

/* Definitely zero / definitely non-zero / unknown. */
enum truth { T_FALSE, T_TRUE, T_MAYBE };
enum truth val_truth(const struct val *v);

/* Binary operation on values (constants folded, everything else unknown). */
struct val val_binop(enum ir_op op, const struct val *a, const struct val *b, loc_t loc, int size, bool is_unsigned);
struct val val_unop(enum ir_op op, const struct val *a, loc_t loc, int size);

/* Refinement: restrict `v` to the values satisfying `v op k` (signed 32-bit
 * comparison when `is_signed`). Returns false when no value can. */
bool val_refine_cmp(struct val *v, enum ir_op op, int64_t k, bool is_signed);
/* Restrict to values whose bits 31-30 equal `q` (NT_ERROR and friends). */
bool val_refine_severity(struct val *v, int sev, bool equal);
bool val_refine_truth(struct val *v, bool nonzero);

#endif
