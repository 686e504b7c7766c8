/* The intermediate representation: each function body lowered once from
 * libclang cursors into a small control-flow graph of simple statements.
 * Nothing past lowering touches a cursor, so translation units can be
 * disposed of (or cached) as soon as their facts are extracted.
 *
 * Expressions are side-effect free trees; lowering hoists calls and
 * assignments out of them into statements, and turns &&, ||, ?: and comma
 * into control flow. All strings are interned (str_id). */
#ifndef DUMPCHECK_IR_H
#define DUMPCHECK_IR_H

#include <stdint.h>
#include <stdbool.h>
#include "util/util.h"

typedef struct loc {
    str_id file;      /* path as the user named it (or as the include found it) */
    uint32_t line;    /* 1-based; 0 = unknown */
    uint32_t col;     /* 1-based */
} loc_t;

static inline bool loc_valid(loc_t l) { return l.file != 0 && l.line != 0; }

/* What kind of value a type holds; enough for the analyses. */
enum type_class {
    TY_OTHER = 0,
    TY_VOID,
    TY_INT,       /* integers, enums, booleans */
    TY_PTR,       /* data pointers */
    TY_FUNCPTR,   /* pointers to functions */
    TY_RECORD,    /* struct / union values */
    TY_ARRAY,
    TY_FLOAT,
};

struct ir_type {
    enum type_class cls;
    str_id spelling;   /* as written, e.g. "NTSTATUS", "PFILTER_EXTENSION" */
    str_id record;     /* TY_RECORD: struct tag; TY_PTR/TY_ARRAY: pointee's tag, if a record */
    bool is_unsigned;
    uint8_t size;      /* bytes, 0 if unknown */
};

enum expr_kind {
    E_INT,       /* integer constant: ival; text = spelling in source (macro name, literal) */
    E_STRING,    /* string literal */
    E_LOCAL,     /* local variable or parameter: index into ir_func.locals */
    E_GLOBAL,    /* file-scope or static variable: usr, name */
    E_FUNC,      /* a function designator (its address): usr, name */
    E_FIELD,     /* sub[0].name: member of a record lvalue (p->f is FIELD(DEREF(p), f)) */
    E_INDEX,     /* sub[0][sub[1]]: element of an array lvalue (collapsed by analyses) */
    E_DEREF,     /* *sub[0] (p[i] with a pointer p is INDEX(DEREF(p), i)) */
    E_ADDR,      /* &sub[0] */
    E_UNARY,     /* op sub[0]: U_NEG, U_NOT, U_BITNOT */
    E_BINARY,    /* sub[0] op sub[1] (no &&/||: they are control flow) */
    E_CAST,      /* (type) sub[0] */
    E_CALL,      /* only as the rhs of S_ASSIGN or the expression of S_CALL */
    E_UNKNOWN,   /* anything the analyses need not understand */
};

enum ir_op {
    OP_NONE = 0,
    U_NEG, U_NOT, U_BITNOT,
    B_ADD, B_SUB, B_MUL, B_DIV, B_REM, B_SHL, B_SHR,
    B_AND, B_OR, B_XOR,
    B_EQ, B_NE, B_LT, B_LE, B_GT, B_GE,
};

struct ir_call;

struct ir_expr {
    enum expr_kind kind;
    enum ir_op op;
    loc_t loc;
    struct ir_type type;
    int64_t ival;              /* E_INT */
    str_id text;               /* E_INT: source spelling; E_FIELD: field name; E_GLOBAL/E_FUNC: name */
    str_id usr;                /* E_GLOBAL/E_FUNC: USR; E_FIELD: field USR */
    str_id record;             /* E_FIELD: the tag of the record the field belongs to */
    int local;                 /* E_LOCAL: index */
    struct ir_expr *sub[2];
    struct ir_call *call;      /* E_CALL */
};

struct ir_call {
    str_id callee_usr;         /* direct call: the callee's USR; 0 if indirect */
    str_id callee_name;        /* direct call: the declared name (what a macro expanded to) */
    str_id macro_name;         /* the identifier written at the call site, if it is a macro */
    struct ir_expr *callee;    /* indirect call: the function-pointer expression */
    struct ir_expr **args;
    int nargs;
    bool noreturn;             /* declared noreturn (attribute or __declspec) */
    bool callee_in_system_header;
    bool callee_has_body;      /* filled in by the model after linking */
};

enum stmt_kind {
    S_ASSIGN,   /* lhs = rhs (rhs may be an E_CALL). Record-typed: whole-object copy */
    S_CALL,     /* rhs is an E_CALL whose result is discarded */
    S_DECL,     /* local `local` comes into scope, uninitialized */
    S_EVAL,     /* rhs evaluated for its reads only (e.g. `(void)ctx->Mdl;`) */
};

struct ir_stmt {
    enum stmt_kind kind;
    loc_t loc;
    struct ir_expr *lhs;
    struct ir_expr *rhs;
    int local;                 /* S_DECL */
};

enum term_kind {
    T_NONE = 0,  /* not yet terminated (only during lowering) */
    T_GOTO,      /* succ[0] */
    T_BRANCH,    /* cond ? succ[0] : succ[1] */
    T_SWITCH,    /* on cond: cases[i] -> case_succ[i]; otherwise succ[0] (default or exit) */
    T_RETURN,    /* return cond (may be NULL); implicit = fell off the closing brace */
    T_NORETURN,  /* the path ends in a call that never returns */
};

struct ir_term {
    enum term_kind kind;
    loc_t loc;
    struct ir_expr *cond;
    int succ[2];
    int ncases;
    int64_t *cases;
    int *case_succ;
    bool implicit;
};

struct ir_block {
    struct ir_stmt *stmts;
    int nstmts, cap;
    struct ir_term term;
    loc_t loc;                 /* first location in the block, for notes */
};

struct ir_local {
    str_id name;
    struct ir_type type;
    loc_t loc;
    bool is_param;
    bool is_temp;              /* introduced by lowering */
    bool addr_taken;           /* &local appears somewhere */
};

struct ir_func {
    str_id usr;
    str_id name;
    loc_t loc;                 /* the name in the definition */
    loc_t end_loc;             /* the closing brace */
    struct ir_type ret;
    str_id canon_type;         /* canonical function type spelling, for signature checks */
    str_id role_typedef;       /* "DUMP_UNLOAD" when declared as `DUMP_UNLOAD F;` somewhere */
    bool is_static;
    bool is_cplusplus;
    int nparams;               /* locals[0..nparams-1] are the parameters */
    struct ir_local *locals;
    int nlocals;
    struct ir_block *blocks;   /* blocks[0] is the entry */
    int nblocks;
    bool lowering_incomplete;  /* something was not understood; analyses stay quiet */
    str_id incomplete_what;    /* the first such construct ("an indirect goto..."), */
    loc_t incomplete_loc;      /* and where it is */
};

struct ir_global {
    str_id usr;
    str_id name;
    loc_t loc;
    struct ir_type type;
    bool is_static;
    bool has_definition;
    /* Initializer, lowered as assignments to this global (fields of a
     * record initializer each get one). */
    struct ir_stmt *init;
    int ninit;
};

/* A function referenced but maybe not defined in this translation unit. */
struct ir_decl {
    str_id usr;
    str_id name;
    loc_t loc;
    str_id canon_type;
    str_id role_typedef;       /* declared with a role typedef (DUMP_UNLOAD F;) */
    bool is_static;
    bool in_system_header;
    bool noreturn;
    bool is_definition;
};

struct shared_facts;

/* Everything the whole-driver analysis needs from one translation unit. */
struct tu_facts {
    str_id main_file;
    struct arena arena;        /* owns every node below */
    struct ir_func **funcs;
    int nfuncs;
    struct ir_global **globals;
    int nglobals;
    struct ir_decl *decls;
    int ndecls;
    /* Canonical spelling of each callback role's function type as this TU's
     * headers define it (index: enum dump_role), 0 if not visible. */
    str_id role_canon_type[8];
    bool is_cplusplus;
    /* The facts of the shared header block this TU was parsed against
     * (pch.h), held once for every TU of its group rather than copied into
     * each: they count as lowered from this TU's text, before its own.
     * NULL when the TU was parsed on its own. */
    struct shared_facts *prefix;
};

/* Immutable facts shared by reference (a header block's), freed with the
 * last TU that holds them. `id` names the content: equal ids, equal facts. */
struct shared_facts {
    struct tu_facts facts;
    uint64_t id;
    int refs;                  /* atomic */
};

struct shared_facts *shared_facts_retain(struct shared_facts *s);
void shared_facts_release(struct shared_facts *s);

void tu_facts_free(struct tu_facts *tu);

/* Printing, for --dump-ir and tests. */
struct strbuf;
/* A comparison's operator when the comparison is false (`a < b` -> `a >= b`),
 * and when its operands trade places (`a < b` -> `b > a`); others unchanged. */
enum ir_op ir_op_negate(enum ir_op op);
enum ir_op ir_op_swap(enum ir_op op);

void ir_print_func(struct strbuf *out, const struct ir_func *f);
void ir_print_expr(struct strbuf *out, const struct ir_func *f, const struct ir_expr *e);

#endif
