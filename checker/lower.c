/* Lowering of function bodies from libclang cursors to the IR's CFG.
 *
 * Control flow (if/loops/switch/goto/SEH/short-circuit operators) becomes
 * blocks and terminators; side effects inside expressions (calls,
 * assignments, ++) are hoisted into statements before the expression that
 * uses them, so every ir_expr is a pure tree. */
#include "lower.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* cursor helpers                                                      */

struct cursor_vec {
    CXCursor *v;
    int n, cap;
};

static enum CXChildVisitResult collect_child(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    struct cursor_vec *cv = d;
    if (cv->n == cv->cap) {
        cv->cap = cv->cap ? cv->cap * 2 : 4;
        cv->v = xrealloc(cv->v, (size_t)cv->cap * sizeof(CXCursor));
    }
    cv->v[cv->n++] = c;
    return CXChildVisit_Continue;
}

static struct cursor_vec children_of(CXCursor c)
{
    struct cursor_vec cv = {0};
    clang_visitChildren(c, collect_child, &cv);
    return cv;
}

static bool is_expr_kind(enum CXCursorKind k)
{
    return clang_isExpression(k) != 0;
}

static str_id intern_cxstring(CXString s)
{
    const char *p = clang_getCString(s);
    str_id id = p ? str_intern(p) : 0;
    clang_disposeString(s);
    return id;
}

/* ------------------------------------------------------------------ */
/* context                                                             */

struct local_key {
    CXCursor decl;
    int index;
};

struct loop_ctx {
    int break_to;
    int continue_to;      /* -1 for switch */
    int try_depth;        /* finally contexts open when the loop began */
};

struct try_ctx {
    CXCursor finally_body; /* null cursor for __except */
    bool has_finally;
    int leave_to;
};

struct label {
    str_id name;
    int block;
};

struct switch_ctx {
    int ncases, cap;
    int64_t *values;
    int *targets;
    int default_block;
};

/* A C++ local whose destructor runs when its scope ends. */
struct scoped_dtor {
    int local;
    CXType type;
};

struct lower {
    CXTranslationUnit tu;
    const struct lower_options *opts;
    struct tu_facts *facts;
    struct arena *A;
    struct ir_func *fn;
    /* growable arrays for the function being lowered */
    VEC(struct ir_block) blocks;
    VEC(struct ir_local) locals;
    VEC(struct local_key) local_keys;
    VEC(struct loop_ctx) loops;
    VEC(struct try_ctx) tries;
    VEC(struct label) labels;
    VEC(str_id) addr_labels;      /* labels whose address is taken (&&name) */
    int indirect_dispatch;        /* the block every `goto *p` jumps to, -1: none */
    struct switch_ctx *sw;
    VEC(struct scoped_dtor) dtors;
    int this_local;            /* `this` of a C++ member function, or -1 */
    int cur;
    int depth;
    /* file name cache */
    CXFile last_file;
    str_id last_file_id;
};

/* ------------------------------------------------------------------ */
/* locations and types                                                 */

static loc_t loc_of_location(struct lower *L, CXSourceLocation sl)
{
    CXFile file;
    unsigned line, col, off;
    clang_getExpansionLocation(sl, &file, &line, &col, &off);
    loc_t l = {0, line, col};
    if (!file)
        return l;
    if (file != L->last_file) {
        L->last_file = file;
        CXString fn = clang_getFileName(file);
        char *shown = path_display(clang_getCString(fn) ? clang_getCString(fn) : "");
        clang_disposeString(fn);
        L->last_file_id = str_intern(shown);
        free(shown);
    }
    l.file = L->last_file_id;
    return l;
}

static loc_t loc_of(struct lower *L, CXCursor c)
{
    return loc_of_location(L, clang_getCursorLocation(c));
}

/* Something the lowering cannot represent: the function is marked, with
 * the first such construct and its place, so a check that needs the
 * function can say what it could not analyse. */
static void mark_incomplete(struct lower *L, const char *what, loc_t where)
{
    if (!L->fn->lowering_incomplete) {
        L->fn->incomplete_what = str_intern(what);
        L->fn->incomplete_loc = where;
    }
    L->fn->lowering_incomplete = true;
}

static loc_t loc_of_extent_end(struct lower *L, CXCursor c)
{
    CXSourceRange r = clang_getCursorExtent(c);
    loc_t l = loc_of_location(L, clang_getRangeEnd(r));
    if (l.col > 1)
        l.col--; /* the range end is one past the last character */
    return l;
}

static str_id record_name_of(CXType t)
{
    t = clang_getCanonicalType(t);
    if (t.kind != CXType_Record)
        return 0;
    CXCursor d = clang_getTypeDeclaration(t);
    str_id name = intern_cxstring(clang_getCursorSpelling(d));
    if (name == 0 || strstr(str_get(name), "(anonymous") || strstr(str_get(name), "(unnamed"))
        name = intern_cxstring(clang_getCursorUSR(d));
    return name;
}

static struct ir_type type_of(CXType t)
{
    struct ir_type ty = {0};
    ty.spelling = intern_cxstring(clang_getTypeSpelling(t));
    CXType c = clang_getCanonicalType(t);
    long long size = clang_Type_getSizeOf(c);
    ty.size = size > 0 && size < 256 ? (uint8_t)size : 0;
    switch (c.kind) {
    case CXType_Void:
        ty.cls = TY_VOID;
        break;
    case CXType_Bool: case CXType_Char_U: case CXType_UChar: case CXType_UShort:
    case CXType_UInt: case CXType_ULong: case CXType_ULongLong: case CXType_UInt128:
    case CXType_Char16: case CXType_Char32: case CXType_WChar:
        ty.cls = TY_INT;
        ty.is_unsigned = true;
        break;
    case CXType_Char_S: case CXType_SChar: case CXType_Short: case CXType_Int:
    case CXType_Long: case CXType_LongLong: case CXType_Int128:
        ty.cls = TY_INT;
        break;
    case CXType_Enum:
        ty.cls = TY_INT;
        break;
    case CXType_Float: case CXType_Double: case CXType_LongDouble:
        ty.cls = TY_FLOAT;
        break;
    case CXType_Pointer: case CXType_LValueReference: case CXType_RValueReference: {
        CXType p = clang_getCanonicalType(clang_getPointeeType(c));
        if (p.kind == CXType_FunctionProto || p.kind == CXType_FunctionNoProto) {
            ty.cls = TY_FUNCPTR;
        } else {
            ty.cls = TY_PTR;
            ty.record = record_name_of(p);
        }
        break;
    }
    case CXType_Record:
        ty.cls = TY_RECORD;
        ty.record = record_name_of(c);
        break;
    case CXType_ConstantArray: case CXType_IncompleteArray: case CXType_VariableArray:
        ty.cls = TY_ARRAY;
        ty.record = record_name_of(clang_getArrayElementType(c));
        break;
    default:
        ty.cls = TY_OTHER;
        break;
    }
    return ty;
}

/* ------------------------------------------------------------------ */
/* blocks                                                              */

static int new_block(struct lower *L)
{
    struct ir_block b;
    memset(&b, 0, sizeof b);
    VEC_PUSH(L->blocks, b);
    return (int)L->blocks.n - 1;
}

static struct ir_block *cur_block(struct lower *L)
{
    return &L->blocks.v[L->cur];
}

static void emit(struct lower *L, struct ir_stmt s)
{
    struct ir_block *b = cur_block(L);
    if (b->nstmts == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 4;
        b->stmts = xrealloc(b->stmts, (size_t)b->cap * sizeof(struct ir_stmt));
    }
    if (!loc_valid(b->loc))
        b->loc = s.loc;
    b->stmts[b->nstmts++] = s;
}

/* Ends the current block with `t` and continues in a fresh (so far
 * unreachable) block. */
static void terminate(struct lower *L, struct ir_term t)
{
    struct ir_block *b = cur_block(L);
    if (b->term.kind == T_NONE)
        b->term = t;
    L->cur = new_block(L);
}

static void jump(struct lower *L, int target)
{
    struct ir_term t = {.kind = T_GOTO, .succ = {target, -1}};
    struct ir_block *b = cur_block(L);
    if (b->term.kind == T_NONE)
        b->term = t;
}

/* Jump to `target` and continue there. */
static void jump_and_continue(struct lower *L, int target)
{
    jump(L, target);
    L->cur = target;
}

/* ------------------------------------------------------------------ */
/* expressions                                                         */

static struct ir_expr *new_expr(struct lower *L, enum expr_kind k, loc_t loc)
{
    struct ir_expr *e = arena_alloc(L->A, sizeof *e);
    e->kind = k;
    e->loc = loc;
    return e;
}

static struct ir_expr *unknown_expr(struct lower *L, CXCursor c)
{
    struct ir_expr *e = new_expr(L, E_UNKNOWN, loc_of(L, c));
    e->type = type_of(clang_getCursorType(c));
    return e;
}

static int new_named_temp(struct lower *L, struct ir_type ty, loc_t loc, str_id name)
{
    struct ir_local lo;
    memset(&lo, 0, sizeof lo);
    lo.name = name ? name : str_intern("<tmp>");
    lo.type = ty;
    lo.loc = loc;
    lo.is_temp = true;
    VEC_PUSH(L->locals, lo);
    return (int)L->locals.n - 1;
}

static int new_temp(struct lower *L, struct ir_type ty, loc_t loc)
{
    return new_named_temp(L, ty, loc, 0);
}

static struct ir_expr *local_ref(struct lower *L, int idx, loc_t loc)
{
    struct ir_expr *e = new_expr(L, E_LOCAL, loc);
    e->local = idx;
    e->type = L->locals.v[idx].type;
    return e;
}

static int find_local(struct lower *L, CXCursor decl)
{
    for (size_t i = 0; i < L->local_keys.n; i++)
        if (!clang_Cursor_isNull(L->local_keys.v[i].decl) &&
            clang_equalCursors(L->local_keys.v[i].decl, decl))
            return L->local_keys.v[i].index;
    return -1;
}

static int add_local(struct lower *L, CXCursor decl, bool is_param)
{
    struct ir_local lo;
    memset(&lo, 0, sizeof lo);
    lo.name = intern_cxstring(clang_getCursorSpelling(decl));
    lo.type = type_of(clang_getCursorType(decl));
    lo.loc = loc_of(L, decl);
    lo.is_param = is_param;
    VEC_PUSH(L->locals, lo);
    struct local_key k = {decl, (int)L->locals.n - 1};
    VEC_PUSH(L->local_keys, k);
    return (int)L->locals.n - 1;
}

static CXCursor strip(CXCursor c)
{
    /* Parentheses and implicit conversions carry no meaning for the
     * analyses. */
    for (;;) {
        enum CXCursorKind k = clang_getCursorKind(c);
        if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr)
            return c;
        struct cursor_vec cv = children_of(c);
        if (cv.n != 1 || !is_expr_kind(clang_getCursorKind(cv.v[0]))) {
            free(cv.v);
            return c;
        }
        CXCursor next = cv.v[0];
        free(cv.v);
        c = next;
    }
}

/* Source text of a cursor's extent, tokens joined (spaces only where two
 * identifiers/numbers meet). */
static str_id extent_text(struct lower *L, CXCursor c, int max_tokens)
{
    CXToken *toks = NULL;
    unsigned n = 0;
    clang_tokenize(L->tu, clang_getCursorExtent(c), &toks, &n);
    struct strbuf b = {0};
    bool prev_word = false;
    for (unsigned i = 0; i < n && (int)i < max_tokens; i++) {
        CXString s = clang_getTokenSpelling(L->tu, toks[i]);
        const char *t = clang_getCString(s);
        bool word = t && (t[0] == '_' || (t[0] >= 'a' && t[0] <= 'z') || (t[0] >= 'A' && t[0] <= 'Z') ||
                          (t[0] >= '0' && t[0] <= '9'));
        if (word && prev_word)
            sb_putc(&b, ' ');
        sb_puts(&b, t ? t : "");
        prev_word = word;
        clang_disposeString(s);
    }
    if (toks)
        clang_disposeTokens(L->tu, toks, n);
    char *s = sb_take(&b);
    str_id id = str_intern(s);
    free(s);
    return id;
}

/* The identifier written where a cursor's expansion begins: the macro's
 * name when the expression comes from a macro (STATUS_PENDING). */
static str_id expansion_identifier(struct lower *L, CXCursor c)
{
    CXFile file;
    unsigned off;
    clang_getExpansionLocation(clang_getCursorLocation(c), &file, NULL, NULL, &off);
    if (!file)
        return 0;
    CXSourceLocation b = clang_getLocationForOffset(L->tu, file, off);
    CXSourceLocation e = clang_getLocationForOffset(L->tu, file, off + 1);
    CXToken *toks = NULL;
    unsigned n = 0;
    clang_tokenize(L->tu, clang_getRange(b, e), &toks, &n);
    str_id id = 0;
    if (n > 0 && clang_getTokenKind(toks[0]) == CXToken_Identifier)
        id = intern_cxstring(clang_getTokenSpelling(L->tu, toks[0]));
    if (toks)
        clang_disposeTokens(L->tu, toks, n);
    return id;
}

static bool in_macro_expansion(CXCursor c)
{
    CXSourceLocation l = clang_getCursorLocation(c);
    CXFile ef, sf;
    unsigned eo, so;
    clang_getExpansionLocation(l, &ef, NULL, NULL, &eo);
    clang_getSpellingLocation(l, &sf, NULL, NULL, &so);
    return ef != sf || eo != so;
}

/* How the source spells a constant: the macro's name when it comes from
 * one (STATUS_PENDING), else its tokens (0x103, 'pmDF'). */
static str_id constant_text(struct lower *L, CXCursor c)
{
    if (in_macro_expansion(c)) {
        str_id id = expansion_identifier(L, c);
        if (id)
            return id;
    }
    str_id t = extent_text(L, c, 16);
    return t ? t : expansion_identifier(L, c);
}

/* The first token of a cursor's extent, if it is an identifier. */
static str_id first_identifier(struct lower *L, CXCursor c)
{
    CXToken *toks = NULL;
    unsigned n = 0;
    clang_tokenize(L->tu, clang_getCursorExtent(c), &toks, &n);
    str_id id = 0;
    if (n > 0 && clang_getTokenKind(toks[0]) == CXToken_Identifier)
        id = intern_cxstring(clang_getTokenSpelling(L->tu, toks[0]));
    if (toks)
        clang_disposeTokens(L->tu, toks, n);
    return id;
}

static bool try_evaluate(struct lower *L, CXCursor c, int64_t *out)
{
    CXEvalResult r = clang_Cursor_Evaluate(c);
    if (!r)
        return false;
    bool ok = false;
    if (clang_EvalResult_getKind(r) == CXEval_Int) {
        if (clang_EvalResult_isUnsignedInt(r))
            *out = (int64_t)clang_EvalResult_getAsUnsigned(r);
        else
            *out = clang_EvalResult_getAsLongLong(r);
        ok = true;
    }
    clang_EvalResult_dispose(r);
    (void)L;
    return ok;
}

static bool may_be_constant(enum CXCursorKind k)
{
    switch (k) {
    case CXCursor_IntegerLiteral: case CXCursor_CharacterLiteral: case CXCursor_ParenExpr:
    case CXCursor_CStyleCastExpr: case CXCursor_UnaryOperator: case CXCursor_BinaryOperator:
    case CXCursor_UnexposedExpr: case CXCursor_DeclRefExpr: case CXCursor_UnaryExpr:
    case CXCursor_CXXBoolLiteralExpr: case CXCursor_CXXStaticCastExpr:
    case CXCursor_CXXFunctionalCastExpr: case CXCursor_CXXNullPtrLiteralExpr:
    case CXCursor_GNUNullExpr: case CXCursor_ConditionalOperator:
        return true;
    default:
        return false;
    }
}

static enum ir_op binop_from_spelling(const char *s)
{
    static const struct { const char *s; enum ir_op op; } ops[] = {
        {"+", B_ADD}, {"-", B_SUB}, {"*", B_MUL}, {"/", B_DIV}, {"%", B_REM},
        {"<<", B_SHL}, {">>", B_SHR}, {"&", B_AND}, {"|", B_OR}, {"^", B_XOR},
        {"==", B_EQ}, {"!=", B_NE}, {"<", B_LT}, {"<=", B_LE}, {">", B_GT}, {">=", B_GE},
        {"+=", B_ADD}, {"-=", B_SUB}, {"*=", B_MUL}, {"/=", B_DIV}, {"%=", B_REM},
        {"<<=", B_SHL}, {">>=", B_SHR}, {"&=", B_AND}, {"|=", B_OR}, {"^=", B_XOR},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (!strcmp(ops[i].s, s))
            return ops[i].op;
    return OP_NONE;
}

/* The operator token of a binary/compound-assignment operator: the first
 * token after the left operand's extent. Works on every libclang. */
static str_id binary_operator_spelling(struct lower *L, CXCursor c, CXCursor lhs)
{
    CXSourceRange whole = clang_getCursorExtent(c);
    CXSourceRange left = clang_getCursorExtent(lhs);
    CXToken *toks = NULL;
    unsigned n = 0;
    clang_tokenize(L->tu, whole, &toks, &n);
    unsigned left_end_off;
    clang_getExpansionLocation(clang_getRangeEnd(left), NULL, NULL, NULL, &left_end_off);
    str_id op = 0;
    for (unsigned i = 0; i < n; i++) {
        unsigned off;
        clang_getExpansionLocation(clang_getTokenLocation(L->tu, toks[i]), NULL, NULL, NULL, &off);
        if (off >= left_end_off && clang_getTokenKind(toks[i]) == CXToken_Punctuation) {
            op = intern_cxstring(clang_getTokenSpelling(L->tu, toks[i]));
            break;
        }
    }
    if (toks)
        clang_disposeTokens(L->tu, toks, n);
    return op;
}

static str_id binary_op_text(struct lower *L, CXCursor c, CXCursor lhs)
{
#if CINDEX_VERSION_MINOR >= 64
    enum CXBinaryOperatorKind k = clang_getCursorBinaryOperatorKind(c);
    if (k != CXBinaryOperator_Invalid)
        return intern_cxstring(clang_getBinaryOperatorKindSpelling(k));
#endif
    return binary_operator_spelling(L, c, lhs);
}

/* Unary operators: "-", "!", "~", "&", "*", "++", "--", with prefix/postfix. */
static str_id unary_op_text(struct lower *L, CXCursor c, bool *postfix)
{
    *postfix = false;
#if CINDEX_VERSION_MINOR >= 64
    enum CXUnaryOperatorKind k = clang_getCursorUnaryOperatorKind(c);
    switch (k) {
    case CXUnaryOperator_PostInc: *postfix = true; return str_intern("++");
    case CXUnaryOperator_PostDec: *postfix = true; return str_intern("--");
    case CXUnaryOperator_PreInc: return str_intern("++");
    case CXUnaryOperator_PreDec: return str_intern("--");
    case CXUnaryOperator_AddrOf: return str_intern("&");
    case CXUnaryOperator_Deref: return str_intern("*");
    case CXUnaryOperator_Plus: return str_intern("+");
    case CXUnaryOperator_Minus: return str_intern("-");
    case CXUnaryOperator_Not: return str_intern("~");
    case CXUnaryOperator_LNot: return str_intern("!");
    default: break;
    }
#endif
    /* Fallback: the first token is the operator for prefix forms. */
    CXToken *toks = NULL;
    unsigned n = 0;
    clang_tokenize(L->tu, clang_getCursorExtent(c), &toks, &n);
    str_id op = 0;
    if (n > 0) {
        if (clang_getTokenKind(toks[0]) == CXToken_Punctuation) {
            op = intern_cxstring(clang_getTokenSpelling(L->tu, toks[0]));
        } else if (clang_getTokenKind(toks[n - 1]) == CXToken_Punctuation) {
            op = intern_cxstring(clang_getTokenSpelling(L->tu, toks[n - 1]));
            *postfix = true;
        }
    }
    if (toks)
        clang_disposeTokens(L->tu, toks, n);
    if (op && strcmp(str_get(op), "~") == 0)
        return op;
    return op;
}

static struct ir_expr *lower_expr(struct lower *L, CXCursor c);
static struct ir_expr *lower_lvalue(struct lower *L, CXCursor c);
static void lower_stmt(struct lower *L, CXCursor c);
static void lower_cond(struct lower *L, CXCursor c, int t, int f);

static struct ir_expr *int_expr(struct lower *L, loc_t loc, int64_t v, struct ir_type ty, str_id text)
{
    struct ir_expr *e = new_expr(L, E_INT, loc);
    e->ival = v;
    e->type = ty;
    e->text = text;
    return e;
}

static bool is_noreturn_decl(struct lower *L, CXCursor decl, str_id name)
{
    if (L->opts && L->opts->is_noreturn_name && L->opts->is_noreturn_name(name, L->opts->ud))
        return true;
    str_id ts = intern_cxstring(clang_getTypeSpelling(clang_getCursorType(decl)));
    return strstr(str_get(ts), "noreturn") != NULL;
}

/* C11 `_Noreturn` (and C23 `[[noreturn]]`) are not part of the function's
 * type: read them from the declaration's own words. */
static bool declared_noreturn(struct lower *L, CXCursor decl)
{
    CXToken *toks = NULL;
    unsigned n = 0;
    bool found = false;
    clang_tokenize(L->tu, clang_getCursorExtent(decl), &toks, &n);
    for (unsigned i = 0; i < n && !found; i++) {
        if (clang_getTokenKind(toks[i]) != CXToken_Keyword && clang_getTokenKind(toks[i]) != CXToken_Identifier)
            continue;
        CXString sp = clang_getTokenSpelling(L->tu, toks[i]);
        const char *t = clang_getCString(sp);
        found = t && (!strcmp(t, "_Noreturn") || !strcmp(t, "noreturn"));
        clang_disposeString(sp);
    }
    if (toks)
        clang_disposeTokens(L->tu, toks, n);
    return found;
}

static void emit_assign(struct lower *L, loc_t loc, struct ir_expr *lhs, struct ir_expr *rhs)
{
    struct ir_stmt s = {.kind = S_ASSIGN, .loc = loc, .lhs = lhs, .rhs = rhs};
    emit(L, s);
}

/* Builds the E_CALL node (lowering the arguments, whose side effects are
 * emitted first). The caller emits the statement, then calls end_call. */
static struct ir_expr *cxx_object_address(struct lower *L, CXCursor call, loc_t loc);
static struct ir_expr *field_of(struct lower *L, struct ir_expr *base, CXCursor field, loc_t loc);

/* A C++ member function that runs on an object (`this`). */
static bool is_instance_member(CXCursor fn)
{
    enum CXCursorKind k = clang_getCursorKind(fn);
    return k == CXCursor_Constructor || k == CXCursor_Destructor ||
           (k == CXCursor_CXXMethod && !clang_CXXMethod_isStatic(fn));
}

static struct ir_expr *build_call(struct lower *L, CXCursor c)
{
    loc_t loc = loc_of(L, c);
    struct ir_call *call = arena_alloc(L->A, sizeof *call);
    int nargs = clang_Cursor_getNumArguments(c);
    if (nargs < 0)
        nargs = 0;
    CXCursor ref = clang_getCursorReferenced(c);
    enum CXCursorKind rk = clang_getCursorKind(ref);
    /* obj.Method(a) is Method(&obj, a): `this` comes first. */
    int self = rk == CXCursor_CXXMethod && is_instance_member(ref) ? 1 : 0;
    call->nargs = nargs + self;
    call->args = arena_alloc(L->A, sizeof(struct ir_expr *) * (size_t)(nargs + self ? nargs + self : 1));
    if (self)
        call->args[0] = cxx_object_address(L, c, loc);
    if (rk == CXCursor_FunctionDecl || rk == CXCursor_CXXMethod) {
        call->callee_usr = intern_cxstring(clang_getCursorUSR(ref));
        call->callee_name = intern_cxstring(clang_getCursorSpelling(ref));
        call->callee_in_system_header = clang_Location_isInSystemHeader(clang_getCursorLocation(ref)) != 0;
        call->noreturn = is_noreturn_decl(L, ref, call->callee_name);
        str_id first = first_identifier(L, c);
        if (first && first != call->callee_name && !self)
            call->macro_name = first;
        if (call->macro_name && L->opts && L->opts->is_noreturn_name &&
            L->opts->is_noreturn_name(call->macro_name, L->opts->ud))
            call->noreturn = true;
    } else {
        /* Indirect: the callee is the first child expression. */
        struct cursor_vec cv = children_of(c);
        if (cv.n > 0)
            call->callee = lower_expr(L, cv.v[0]);
        free(cv.v);
    }
    for (int i = 0; i < nargs; i++)
        call->args[i + self] = lower_expr(L, clang_Cursor_getArgument(c, (unsigned)i));
    struct ir_expr *ce = new_expr(L, E_CALL, loc);
    ce->call = call;
    ce->type = type_of(clang_getCursorType(c));
    return ce;
}

static void end_call(struct lower *L, struct ir_expr *ce)
{
    if (ce->call->noreturn) {
        struct ir_term t = {.kind = T_NORETURN, .loc = ce->loc, .succ = {-1, -1}};
        terminate(L, t);
    }
}

static struct ir_expr *lower_call(struct lower *L, CXCursor c, bool value_used)
{
    struct ir_expr *ce = build_call(L, c);
    loc_t loc = ce->loc;
    struct ir_expr *result;
    if (value_used && ce->type.cls != TY_VOID) {
        /* Named after the call, so messages can say "'Foo(...)'". */
        char *name = xasprintf("%s(...)", ce->call->callee_name ? str_get(ce->call->callee_name) : "");
        int t = new_named_temp(L, ce->type, loc, ce->call->callee_name ? str_intern(name) : 0);
        free(name);
        emit_assign(L, loc, local_ref(L, t, loc), ce);
        result = local_ref(L, t, loc);
    } else {
        struct ir_stmt s = {.kind = S_CALL, .loc = loc, .rhs = ce};
        emit(L, s);
        result = unknown_expr(L, c);
    }
    end_call(L, ce);
    return result;
}


/* ------------------------------------------------------------------ */
/* C++: constructors, destructors, new and delete                      */

static void lower_init(struct lower *L, struct ir_expr *target, CXCursor init);

static struct ir_expr *addr_of(struct lower *L, struct ir_expr *lv, loc_t loc)
{
    struct ir_expr *a = new_expr(L, E_ADDR, loc);
    a->sub[0] = lv;
    a->type.cls = TY_PTR;
    a->type.record = lv->type.cls == TY_RECORD ? lv->type.record : 0;
    a->type.size = 8;
    return a;
}

/* The object a member call runs on: &obj for obj.f(), p for p->f(), or
 * this for a member named alone. */
static struct ir_expr *cxx_object_address(struct lower *L, CXCursor call, loc_t loc)
{
    struct cursor_vec cv = children_of(call);
    struct ir_expr *r = NULL;
    if (cv.n > 0) {
        CXCursor callee = strip(cv.v[0]);
        if (clang_getCursorKind(callee) == CXCursor_MemberRefExpr) {
            struct cursor_vec kids = children_of(callee);
            if (kids.n > 0 && is_expr_kind(clang_getCursorKind(kids.v[0]))) {
                CXCursor base = kids.v[0];
                CXType bt = clang_getCanonicalType(clang_getCursorType(base));
                r = bt.kind == CXType_Pointer ? lower_expr(L, base) : addr_of(L, lower_lvalue(L, base), loc);
            }
            free(kids.v);
        }
    }
    free(cv.v);
    if (!r && L->this_local >= 0)
        r = local_ref(L, L->this_local, loc);
    if (!r) {
        r = new_expr(L, E_UNKNOWN, loc);
        r->type.cls = TY_PTR;
    }
    return r;
}

/* Is member `m` written in its class (not one the compiler declares)? */
static bool is_written_member(CXCursor m)
{
    CXCursor canon = clang_getCanonicalCursor(m);
    struct cursor_vec cv = children_of(clang_getCursorSemanticParent(m));
    bool found = false;
    for (int i = 0; i < cv.n && !found; i++)
        found = clang_equalCursors(clang_getCanonicalCursor(cv.v[i]), canon) != 0;
    free(cv.v);
    return found;
}

/* The class member of `record` of kind `k` spelled `name` (NULL: any). */
static CXCursor class_member(CXType record, enum CXCursorKind k, const char *name)
{
    CXCursor decl = clang_getTypeDeclaration(clang_getCanonicalType(record));
    CXCursor found = clang_getNullCursor();
    struct cursor_vec cv = children_of(decl);
    for (int i = 0; i < cv.n && clang_Cursor_isNull(found); i++) {
        if (clang_getCursorKind(cv.v[i]) != k)
            continue;
        CXString sp = clang_getCursorSpelling(cv.v[i]);
        if (!name || !strcmp(clang_getCString(sp), name))
            found = cv.v[i];
        clang_disposeString(sp);
    }
    free(cv.v);
    return found;
}

static void emit_member_call(struct lower *L, loc_t loc, CXCursor fn, struct ir_expr **args, int nargs)
{
    struct ir_call *call = arena_alloc(L->A, sizeof *call);
    call->callee_usr = intern_cxstring(clang_getCursorUSR(fn));
    call->callee_name = intern_cxstring(clang_getCursorSpelling(fn));
    call->callee_in_system_header = clang_Location_isInSystemHeader(clang_getCursorLocation(fn)) != 0;
    call->nargs = nargs;
    call->args = arena_alloc(L->A, sizeof(struct ir_expr *) * (size_t)(nargs ? nargs : 1));
    memcpy(call->args, args, sizeof(struct ir_expr *) * (size_t)nargs);
    struct ir_expr *ce = new_expr(L, E_CALL, loc);
    ce->call = call;
    ce->type.cls = TY_VOID;
    struct ir_stmt st = {.kind = S_CALL, .loc = loc, .rhs = ce};
    emit(L, st);
}

/* Runs what destroying the object `lv` of type `t` runs: its written
 * destructor, then its members' destructors in reverse order. Returns
 * whether there was anything to run (with `emit_calls` false, only says). */
static bool cxx_destroy(struct lower *L, struct ir_expr *lv, CXType t, loc_t loc, bool emit_calls, int depth)
{
    CXType ct = clang_getCanonicalType(t);
    if (ct.kind != CXType_Record || depth > 4 || !L->facts->is_cplusplus)
        return false;
    bool any = false;
    CXCursor dtor = class_member(ct, CXCursor_Destructor, NULL);
    if (!clang_Cursor_isNull(dtor) && !clang_Location_isInSystemHeader(clang_getCursorLocation(dtor))) {
        any = true;
        if (emit_calls) {
            struct ir_expr *self = addr_of(L, lv, loc);
            emit_member_call(L, loc, dtor, &self, 1);
        }
    }
    CXCursor decl = clang_getTypeDeclaration(ct);
    struct cursor_vec cv = children_of(decl);
    for (int i = cv.n - 1; i >= 0; i--) {
        if (clang_getCursorKind(cv.v[i]) != CXCursor_FieldDecl)
            continue;
        CXType ft = clang_getCursorType(cv.v[i]);
        if (clang_getCanonicalType(ft).kind != CXType_Record)
            continue;
        struct ir_expr *f = emit_calls ? field_of(L, lv, cv.v[i], loc) : lv;
        any |= cxx_destroy(L, f, ft, loc, emit_calls, depth + 1);
    }
    free(cv.v);
    return any;
}

/* The destructors of the locals declared since scope mark `mark`, last
 * declared first. */
static void run_scope_dtors(struct lower *L, size_t mark, loc_t loc)
{
    for (size_t i = L->dtors.n; i > mark; i--) {
        struct scoped_dtor *d = &L->dtors.v[i - 1];
        (void)cxx_destroy(L, local_ref(L, d->local, loc), d->type, loc, true, 0);
    }
}

/* `T x(args)`, `new T(args)`, a member initializer: the constructor `ctor`
 * (a CallExpr cursor) runs on `target`. Compiler-declared constructors do
 * nothing the analysis needs. */
static void lower_construct(struct lower *L, struct ir_expr *target, CXCursor ctor_call)
{
    CXCursor ctor = clang_getCursorReferenced(ctor_call);
    if (!is_written_member(ctor))
        return;
    loc_t loc = loc_of(L, ctor_call);
    int n = clang_Cursor_getNumArguments(ctor_call);
    if (n < 0)
        n = 0;
    struct ir_expr **args = xmalloc(sizeof(struct ir_expr *) * (size_t)(n + 1));
    args[0] = addr_of(L, target, loc);
    for (int i = 0; i < n; i++)
        args[i + 1] = lower_expr(L, clang_Cursor_getArgument(ctor_call, (unsigned)i));
    emit_member_call(L, loc, ctor, args, n + 1);
    free(args);
}

static bool is_constructor_call(CXCursor c)
{
    return clang_getCursorKind(c) == CXCursor_CallExpr &&
           clang_getCursorKind(clang_getCursorReferenced(c)) == CXCursor_Constructor;
}

/* `delete[] p` / `new T[n]` / `new (args) T`: read from the tokens, which
 * libclang does not otherwise expose. */
static void new_delete_form(struct lower *L, CXCursor c, bool *array, bool *placement)
{
    CXToken *toks = NULL;
    unsigned n = 0;
    clang_tokenize(L->tu, clang_getCursorExtent(c), &toks, &n);
    *array = *placement = false;
    int depth = 0;
    bool after_kw = false;
    unsigned kw = 0;
    for (unsigned i = 0; i < n; i++) {
        CXString sp = clang_getTokenSpelling(L->tu, toks[i]);
        const char *t = clang_getCString(sp);
        if (!after_kw && (!strcmp(t, "new") || !strcmp(t, "delete"))) {
            after_kw = true;
            kw = i;
        } else if (after_kw) {
            if (i == kw + 1 && !strcmp(t, "("))
                *placement = true;
            if (!strcmp(t, "(") || !strcmp(t, "{"))
                depth++;
            else if (!strcmp(t, ")") || !strcmp(t, "}"))
                depth--;
            else if (!strcmp(t, "[") && depth == 0)
                *array = true;
        }
        clang_disposeString(sp);
    }
    if (toks)
        clang_disposeTokens(L->tu, toks, n);
}

/* A call to an allocation or deallocation function: the class's own when
 * it declares one, else the global one (named; the model links it to a
 * definition written in the driver, by name and arity). */
static struct ir_expr *operator_call(struct lower *L, loc_t loc, CXType record, const char *op,
                                     struct ir_expr **args, int nargs)
{
    struct ir_call *call = arena_alloc(L->A, sizeof *call);
    CXCursor member = clang_getCanonicalType(record).kind == CXType_Record
                          ? class_member(record, CXCursor_CXXMethod, op)
                          : clang_getNullCursor();
    if (!clang_Cursor_isNull(member))
        call->callee_usr = intern_cxstring(clang_getCursorUSR(member));
    call->callee_name = str_intern(op);
    call->nargs = nargs;
    call->args = arena_alloc(L->A, sizeof(struct ir_expr *) * (size_t)(nargs ? nargs : 1));
    memcpy(call->args, args, sizeof(struct ir_expr *) * (size_t)nargs);
    struct ir_expr *ce = new_expr(L, E_CALL, loc);
    ce->call = call;
    return ce;
}

static struct ir_expr *lower_cxx_new(struct lower *L, CXCursor c, struct cursor_vec *cv)
{
    loc_t loc = loc_of(L, c);
    CXType pt = clang_getCursorType(c);
    CXType elem = clang_getPointeeType(clang_getCanonicalType(pt));
    bool array, placement;
    new_delete_form(L, c, &array, &placement);
    /* the size, then the placement arguments (the expressions written
     * before the type) */
    struct ir_expr *args[8];
    int nargs = 0;
    struct ir_expr *size = new_expr(L, E_UNKNOWN, loc);
    size->type = (struct ir_type){.cls = TY_INT, .spelling = str_intern("size_t"), .is_unsigned = true, .size = 8};
    args[nargs++] = size;
    CXCursor ctor = clang_getNullCursor();
    bool before_type = true;
    for (int i = 0; i < cv->n; i++) {
        enum CXCursorKind k = clang_getCursorKind(cv->v[i]);
        if (k == CXCursor_TypeRef || k == CXCursor_TemplateRef || k == CXCursor_NamespaceRef) {
            before_type = false;
            continue;
        }
        if (is_constructor_call(cv->v[i])) {
            ctor = cv->v[i];
            continue;
        }
        if (!is_expr_kind(k))
            continue;
        struct ir_expr *e = lower_expr(L, cv->v[i]);
        if (placement && before_type && nargs < 8)
            args[nargs++] = e;
    }
    struct ir_expr *ce = operator_call(L, loc, elem, array ? "operator new[]" : "operator new", args, nargs);
    ce->type = type_of(pt);
    int t = new_temp(L, ce->type, loc);
    emit_assign(L, loc, local_ref(L, t, loc), ce);
    if (!array && !clang_Cursor_isNull(ctor)) {
        struct ir_expr *obj = new_expr(L, E_DEREF, loc);
        obj->sub[0] = local_ref(L, t, loc);
        obj->type = type_of(elem);
        lower_construct(L, obj, ctor);
    }
    return local_ref(L, t, loc);
}

static struct ir_expr *lower_cxx_delete(struct lower *L, CXCursor c, struct cursor_vec *cv)
{
    loc_t loc = loc_of(L, c);
    bool array, placement;
    new_delete_form(L, c, &array, &placement);
    CXCursor pc = clang_getNullCursor();
    for (int i = 0; i < cv->n && clang_Cursor_isNull(pc); i++)
        if (is_expr_kind(clang_getCursorKind(cv->v[i])))
            pc = cv->v[i];
    if (clang_Cursor_isNull(pc))
        return unknown_expr(L, c);
    struct ir_expr *p = lower_expr(L, pc);
    CXType elem = clang_getPointeeType(clang_getCanonicalType(clang_getCursorType(pc)));
    int t = new_temp(L, p->type, loc);
    emit_assign(L, loc, local_ref(L, t, loc), p);
    if (!array) {
        struct ir_expr *obj = new_expr(L, E_DEREF, loc);
        obj->sub[0] = local_ref(L, t, loc);
        obj->type = type_of(elem);
        (void)cxx_destroy(L, obj, elem, loc, true, 0);
    }
    struct ir_expr *arg = local_ref(L, t, loc);
    struct ir_expr *ce = operator_call(L, loc, elem, array ? "operator delete[]" : "operator delete", &arg, 1);
    ce->type.cls = TY_VOID;
    struct ir_stmt st = {.kind = S_CALL, .loc = loc, .rhs = ce};
    emit(L, st);
    return unknown_expr(L, c);
}

/* Value of `lhs op= rhs` / `++lhs` etc.: emits the store, returns the lvalue. */
static struct ir_expr *lower_update(struct lower *L, CXCursor c, CXCursor lhs_c, enum ir_op op,
                                    struct ir_expr *rhs, bool postfix)
{
    loc_t loc = loc_of(L, c);
    struct ir_expr *lhs = lower_lvalue(L, lhs_c);
    struct ir_expr *old = lhs;
    if (postfix) {
        int t = new_temp(L, lhs->type, loc);
        emit_assign(L, loc, local_ref(L, t, loc), lhs);
        old = local_ref(L, t, loc);
    }
    struct ir_expr *bin = new_expr(L, E_BINARY, loc);
    bin->op = op;
    bin->sub[0] = lhs;
    bin->sub[1] = rhs;
    bin->type = lhs->type;
    emit_assign(L, loc, lhs, bin);
    return postfix ? old : lhs;
}

/* Lowers `a && b`, `a || b`, `c ? x : y` used as values into control flow
 * that stores into a temporary. */
static struct ir_expr *lower_value_via_branches(struct lower *L, CXCursor c, CXCursor *kids, int nkids,
                                                bool is_conditional)
{
    loc_t loc = loc_of(L, c);
    struct ir_type ty = type_of(clang_getCursorType(c));
    int t = new_temp(L, ty, loc);
    int join = new_block(L);
    if (is_conditional) {
        CXCursor cond = kids[0], a = kids[nkids - 2], b = kids[nkids - 1];
        int bt = new_block(L), bf = new_block(L);
        lower_cond(L, cond, bt, bf);
        L->cur = bt;
        emit_assign(L, loc, local_ref(L, t, loc), lower_expr(L, a));
        jump(L, join);
        L->cur = bf;
        emit_assign(L, loc, local_ref(L, t, loc), lower_expr(L, b));
        jump(L, join);
    } else {
        int bt = new_block(L), bf = new_block(L);
        lower_cond(L, c, bt, bf);
        struct ir_type ity = {.cls = TY_INT, .spelling = str_intern("int"), .size = 4};
        L->cur = bt;
        emit_assign(L, loc, local_ref(L, t, loc), int_expr(L, loc, 1, ity, str_intern("1")));
        jump(L, join);
        L->cur = bf;
        emit_assign(L, loc, local_ref(L, t, loc), int_expr(L, loc, 0, ity, str_intern("0")));
        jump(L, join);
    }
    L->cur = join;
    return local_ref(L, t, loc);
}

static bool is_logical(str_id op)
{
    const char *s = str_get(op);
    return !strcmp(s, "&&") || !strcmp(s, "||");
}

static struct ir_expr *lower_binary(struct lower *L, CXCursor c, CXCursor *kids, int nkids)
{
    loc_t loc = loc_of(L, c);
    if (nkids != 2)
        return unknown_expr(L, c);
    str_id op = binary_op_text(L, c, kids[0]);
    const char *ops = str_get(op);
    if (is_logical(op))
        return lower_value_via_branches(L, c, kids, nkids, false);
    if (!strcmp(ops, "=")) {
        CXCursor rhs_c = strip(kids[1]);
        struct ir_expr *lhs;
        if (clang_getCursorKind(rhs_c) == CXCursor_CallExpr) {
            /* `x = f()` stores the call's result straight into x, so the
             * analyses see an acquisition and its destination together. */
            lhs = lower_lvalue(L, kids[0]);
            struct ir_expr *ce = build_call(L, rhs_c);
            emit_assign(L, loc, lhs, ce);
            end_call(L, ce);
        } else {
            struct ir_expr *rhs = lower_expr(L, kids[1]);
            lhs = lower_lvalue(L, kids[0]);
            emit_assign(L, loc, lhs, rhs);
        }
        return lhs;
    }
    if (!strcmp(ops, ",")) {
        struct ir_expr *left = lower_expr(L, kids[0]);
        if (left->kind != E_UNKNOWN && left->kind != E_INT && left->kind != E_LOCAL) {
            struct ir_stmt s = {.kind = S_EVAL, .loc = left->loc, .rhs = left};
            emit(L, s);
        }
        return lower_expr(L, kids[1]);
    }
    enum ir_op bop = binop_from_spelling(ops);
    if (clang_getCursorKind(c) == CXCursor_CompoundAssignOperator)
        return lower_update(L, c, kids[0], bop, lower_expr(L, kids[1]), false);
    struct ir_expr *e = new_expr(L, E_BINARY, loc);
    e->op = bop;
    e->sub[0] = lower_expr(L, kids[0]);
    e->sub[1] = lower_expr(L, kids[1]);
    e->type = type_of(clang_getCursorType(c));
    if (bop == OP_NONE)
        e->kind = E_UNKNOWN;
    return e;
}

static struct ir_expr *lower_declref(struct lower *L, CXCursor c)
{
    loc_t loc = loc_of(L, c);
    CXCursor ref = clang_getCursorReferenced(c);
    enum CXCursorKind rk = clang_getCursorKind(ref);
    struct ir_expr *e;
    switch (rk) {
    case CXCursor_VarDecl:
    case CXCursor_ParmDecl: {
        int idx = find_local(L, ref);
        if (idx >= 0)
            return local_ref(L, idx, loc);
        e = new_expr(L, E_GLOBAL, loc);
        e->usr = intern_cxstring(clang_getCursorUSR(ref));
        e->text = intern_cxstring(clang_getCursorSpelling(ref));
        e->type = type_of(clang_getCursorType(ref));
        return e;
    }
    case CXCursor_FunctionDecl:
    case CXCursor_CXXMethod:
        e = new_expr(L, E_FUNC, loc);
        e->usr = intern_cxstring(clang_getCursorUSR(ref));
        e->text = intern_cxstring(clang_getCursorSpelling(ref));
        e->type = type_of(clang_getCursorType(ref));
        return e;
    case CXCursor_EnumConstantDecl:
        return int_expr(L, loc, clang_getEnumConstantDeclValue(ref), type_of(clang_getCursorType(c)),
                        intern_cxstring(clang_getCursorSpelling(ref)));
    default:
        return unknown_expr(L, c);
    }
}

static struct ir_expr *lower_member(struct lower *L, CXCursor c)
{
    loc_t loc = loc_of(L, c);
    CXCursor field = clang_getCursorReferenced(c);
    struct cursor_vec cv = children_of(c);
    struct ir_expr *base = NULL;
    if (cv.n > 0 && is_expr_kind(clang_getCursorKind(cv.v[0]))) {
        CXCursor bc = cv.v[0];
        CXType bt = clang_getCanonicalType(clang_getCursorType(bc));
        if (bt.kind == CXType_Pointer) {
            struct ir_expr *p = lower_expr(L, bc);
            base = new_expr(L, E_DEREF, loc);
            base->sub[0] = p;
            base->type = type_of(clang_getPointeeType(bt));
        } else {
            base = lower_lvalue(L, bc);
        }
    }
    free(cv.v);
    if (!base && L->this_local >= 0 && clang_getCursorKind(field) == CXCursor_FieldDecl) {
        /* a member named alone inside a member function: this->member */
        base = new_expr(L, E_DEREF, loc);
        base->sub[0] = local_ref(L, L->this_local, loc);
        base->type = L->locals.v[L->this_local].type;
        base->type.cls = TY_RECORD;
    }
    if (!base)
        return unknown_expr(L, c);
    struct ir_expr *e = new_expr(L, E_FIELD, loc);
    e->sub[0] = base;
    e->text = intern_cxstring(clang_getCursorSpelling(field));
    e->usr = intern_cxstring(clang_getCursorUSR(field));
    e->record = record_name_of(clang_getCursorType(clang_getCursorSemanticParent(field)));
    e->type = type_of(clang_getCursorType(c));
    return e;
}

static struct ir_expr *lower_subscript(struct lower *L, CXCursor c)
{
    loc_t loc = loc_of(L, c);
    struct cursor_vec cv = children_of(c);
    if (cv.n != 2) {
        free(cv.v);
        return unknown_expr(L, c);
    }
    CXCursor bc = cv.v[0];
    CXType bt = clang_getCanonicalType(clang_getCursorType(strip(bc)));
    struct ir_expr *base;
    if (bt.kind == CXType_Pointer) {
        struct ir_expr *p = lower_expr(L, bc);
        base = new_expr(L, E_DEREF, loc);
        base->sub[0] = p;
        base->type = type_of(clang_getPointeeType(bt));
    } else {
        base = lower_lvalue(L, bc);
    }
    struct ir_expr *e = new_expr(L, E_INDEX, loc);
    e->sub[0] = base;
    e->sub[1] = lower_expr(L, cv.v[1]);
    e->type = type_of(clang_getCursorType(c));
    free(cv.v);
    return e;
}

static struct ir_expr *lower_unary(struct lower *L, CXCursor c, CXCursor *kids, int nkids)
{
    loc_t loc = loc_of(L, c);
    if (nkids != 1)
        return unknown_expr(L, c);
    bool postfix;
    str_id op = unary_op_text(L, c, &postfix);
    const char *s = str_get(op);
    struct ir_type ty = type_of(clang_getCursorType(c));
    if (!strcmp(s, "++") || !strcmp(s, "--")) {
        struct ir_type ity = {.cls = TY_INT, .spelling = str_intern("int"), .size = 4};
        return lower_update(L, c, kids[0], s[0] == '+' ? B_ADD : B_SUB,
                            int_expr(L, loc, 1, ity, str_intern("1")), postfix);
    }
    if (!strcmp(s, "&")) {
        struct ir_expr *e = new_expr(L, E_ADDR, loc);
        e->sub[0] = lower_lvalue(L, kids[0]);
        e->type = ty;
        if (e->sub[0]->kind == E_LOCAL)
            L->locals.v[e->sub[0]->local].addr_taken = true;
        if (e->sub[0]->kind == E_FUNC)
            return e->sub[0];
        return e;
    }
    if (!strcmp(s, "*")) {
        struct ir_expr *e = new_expr(L, E_DEREF, loc);
        e->sub[0] = lower_expr(L, kids[0]);
        e->type = ty;
        if (e->sub[0]->kind == E_FUNC)
            return e->sub[0];
        return e;
    }
    if (!strcmp(s, "+"))
        return lower_expr(L, kids[0]);
    struct ir_expr *e = new_expr(L, E_UNARY, loc);
    e->op = !strcmp(s, "-") ? U_NEG : !strcmp(s, "!") ? U_NOT : !strcmp(s, "~") ? U_BITNOT : OP_NONE;
    e->sub[0] = lower_expr(L, kids[0]);
    e->type = ty;
    if (e->op == OP_NONE)
        e->kind = E_UNKNOWN;
    return e;
}

static struct ir_expr *lower_cast(struct lower *L, CXCursor c, CXCursor *kids, int nkids)
{
    /* The operand is the last expression child (a TypeRef may come first). */
    for (int i = nkids - 1; i >= 0; i--) {
        if (is_expr_kind(clang_getCursorKind(kids[i]))) {
            struct ir_expr *e = new_expr(L, E_CAST, loc_of(L, c));
            e->sub[0] = lower_expr(L, kids[i]);
            e->type = type_of(clang_getCursorType(c));
            if (e->sub[0]->kind == E_FUNC || e->sub[0]->kind == E_INT) {
                /* Keep constants and function designators visible through casts. */
                struct ir_expr *inner = e->sub[0];
                if (inner->kind == E_INT) {
                    struct ir_expr *k = int_expr(L, e->loc, inner->ival, e->type, inner->text);
                    return k;
                }
            }
            return e;
        }
    }
    return unknown_expr(L, c);
}

/* Lowers an expression used as a value. */
static struct ir_expr *lower_expr(struct lower *L, CXCursor c)
{
    if (++L->depth > L->opts->max_depth) {
        L->depth--;
        mark_incomplete(L, "an expression nested more deeply than the lowering's limit", loc_of(L, c));
        return unknown_expr(L, c);
    }
    struct ir_expr *result = NULL;
    enum CXCursorKind k = clang_getCursorKind(c);
    CXType ct = clang_getCursorType(c);
    CXType cc = clang_getCanonicalType(ct);
    bool integral = cc.kind >= CXType_Bool && cc.kind <= CXType_Int128;
    integral = integral || cc.kind == CXType_Enum || cc.kind == CXType_Pointer;

    if (integral && may_be_constant(k) && k != CXCursor_DeclRefExpr) {
        int64_t v;
        if (try_evaluate(L, c, &v)) {
            result = int_expr(L, loc_of(L, c), v, type_of(ct), constant_text(L, c));
            goto out;
        }
    }
    struct cursor_vec cv = children_of(c);
    switch (k) {
    case CXCursor_ParenExpr:
    case CXCursor_UnexposedExpr:
        if (cv.n == 1 && is_expr_kind(clang_getCursorKind(cv.v[0]))) {
            result = lower_expr(L, cv.v[0]);
            if (k == CXCursor_UnexposedExpr && result->kind != E_INT && result->kind != E_FUNC &&
                result->type.cls != type_of(ct).cls) {
                /* an implicit conversion that changes the kind of value */
                struct ir_expr *e = new_expr(L, E_CAST, result->loc);
                e->sub[0] = result;
                e->type = type_of(ct);
                result = e;
            }
        } else if (cv.n == 0 && (integral)) {
            result = unknown_expr(L, c);
        } else {
            result = unknown_expr(L, c);
            for (int i = 0; i < cv.n; i++)
                if (is_expr_kind(clang_getCursorKind(cv.v[i])))
                    (void)lower_expr(L, cv.v[i]); /* keep side effects */
        }
        break;
    case CXCursor_IntegerLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_CXXBoolLiteralExpr: {
        int64_t v = 0;
        if (try_evaluate(L, c, &v))
            result = int_expr(L, loc_of(L, c), v, type_of(ct), constant_text(L, c));
        else
            result = unknown_expr(L, c);
        break;
    }
    case CXCursor_CXXNullPtrLiteralExpr:
    case CXCursor_GNUNullExpr:
        result = int_expr(L, loc_of(L, c), 0, type_of(ct), str_intern("NULL"));
        break;
    case CXCursor_StringLiteral:
        result = new_expr(L, E_STRING, loc_of(L, c));
        result->type = type_of(ct);
        break;
    case CXCursor_DeclRefExpr:
        result = lower_declref(L, c);
        break;
    case CXCursor_MemberRefExpr:
        result = lower_member(L, c);
        break;
    case CXCursor_ArraySubscriptExpr:
        result = lower_subscript(L, c);
        break;
    case CXCursor_CallExpr:
        result = lower_call(L, c, true);
        break;
    case CXCursor_CXXThisExpr:
        result = L->this_local >= 0 ? local_ref(L, L->this_local, loc_of(L, c)) : unknown_expr(L, c);
        break;
    case CXCursor_CXXNewExpr:
        result = lower_cxx_new(L, c, &cv);
        break;
    case CXCursor_CXXDeleteExpr:
        result = lower_cxx_delete(L, c, &cv);
        break;
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator:
        result = lower_binary(L, c, cv.v, cv.n);
        break;
    case CXCursor_UnaryOperator:
        result = lower_unary(L, c, cv.v, cv.n);
        break;
    case CXCursor_CStyleCastExpr:
    case CXCursor_CXXStaticCastExpr:
    case CXCursor_CXXReinterpretCastExpr:
    case CXCursor_CXXConstCastExpr:
    case CXCursor_CXXFunctionalCastExpr:
        result = lower_cast(L, c, cv.v, cv.n);
        break;
    case CXCursor_ConditionalOperator:
        if (cv.n == 3)
            result = lower_value_via_branches(L, c, cv.v, cv.n, true);
        else
            result = unknown_expr(L, c);
        break;
    default:
        /* sizeof of a non-constant, compound literals, statement
         * expressions...: keep the side effects of sub-expressions. */
        result = unknown_expr(L, c);
        for (int i = 0; i < cv.n; i++)
            if (is_expr_kind(clang_getCursorKind(cv.v[i])))
                (void)lower_expr(L, cv.v[i]);
        break;
    }
    free(cv.v);
out:
    L->depth--;
    return result;
}

/* Lowers an expression used as a place (assignment target, & operand). */
static struct ir_expr *lower_lvalue(struct lower *L, CXCursor c)
{
    c = strip(c);
    switch (clang_getCursorKind(c)) {
    case CXCursor_DeclRefExpr:
    case CXCursor_MemberRefExpr:
    case CXCursor_ArraySubscriptExpr:
        return lower_expr(L, c);
    case CXCursor_UnaryOperator: {
        struct cursor_vec cv = children_of(c);
        struct ir_expr *e = lower_expr(L, c); /* `*p` lowers to E_DEREF */
        free(cv.v);
        return e;
    }
    default:
        return lower_expr(L, c);
    }
}

/* ------------------------------------------------------------------ */
/* conditions                                                          */

static void branch_on(struct lower *L, struct ir_expr *e, loc_t loc, int t, int f)
{
    if (e->kind == E_INT) {
        jump(L, e->ival ? t : f);
        return;
    }
    struct ir_term term = {.kind = T_BRANCH, .loc = loc, .cond = e, .succ = {t, f}};
    struct ir_block *b = cur_block(L);
    if (b->term.kind == T_NONE)
        b->term = term;
}

/* Lowers `c` as a branch condition: short-circuit operators become
 * separate branches, so each has its own note on a path. */
static void lower_cond(struct lower *L, CXCursor c, int t, int f)
{
    CXCursor s = strip(c);
    enum CXCursorKind k = clang_getCursorKind(s);
    struct cursor_vec cv = children_of(s);
    if (k == CXCursor_BinaryOperator && cv.n == 2) {
        str_id op = binary_op_text(L, s, cv.v[0]);
        const char *o = str_get(op);
        if (!strcmp(o, "&&") || !strcmp(o, "||")) {
            int mid = new_block(L);
            if (o[0] == '&')
                lower_cond(L, cv.v[0], mid, f);
            else
                lower_cond(L, cv.v[0], t, mid);
            L->cur = mid;
            lower_cond(L, cv.v[1], t, f);
            free(cv.v);
            return;
        }
        if (!strcmp(o, ",")) {
            (void)lower_expr(L, cv.v[0]);
            lower_cond(L, cv.v[1], t, f);
            free(cv.v);
            return;
        }
    }
    if (k == CXCursor_UnaryOperator && cv.n == 1) {
        bool postfix;
        str_id op = unary_op_text(L, s, &postfix);
        CXCursor inner = strip(cv.v[0]);
        if (!strcmp(str_get(op), "!") && clang_getCursorKind(inner) == CXCursor_BinaryOperator) {
            struct cursor_vec iv = children_of(inner);
            bool logical = iv.n == 2 && is_logical(binary_op_text(L, inner, iv.v[0]));
            free(iv.v);
            if (logical) {
                lower_cond(L, inner, f, t);
                free(cv.v);
                return;
            }
        }
    }
    if (k == CXCursor_ConditionalOperator && cv.n == 3) {
        int bt = new_block(L), bf = new_block(L);
        lower_cond(L, cv.v[0], bt, bf);
        L->cur = bt;
        lower_cond(L, cv.v[1], t, f);
        L->cur = bf;
        lower_cond(L, cv.v[2], t, f);
        free(cv.v);
        return;
    }
    free(cv.v);
    loc_t loc = loc_of(L, c);
    struct ir_expr *e = lower_expr(L, c);
    branch_on(L, e, loc, t, f);
}

/* ------------------------------------------------------------------ */
/* initializers                                                        */

struct field_list {
    CXCursor *v;
    int n, cap;
};

static enum CXVisitorResult collect_field(CXCursor c, CXClientData d)
{
    struct field_list *fl = d;
    if (fl->n == fl->cap) {
        fl->cap = fl->cap ? fl->cap * 2 : 8;
        fl->v = xrealloc(fl->v, (size_t)fl->cap * sizeof(CXCursor));
    }
    fl->v[fl->n++] = c;
    return CXVisit_Continue;
}

static struct ir_expr *field_of(struct lower *L, struct ir_expr *base, CXCursor field, loc_t loc)
{
    struct ir_expr *e = new_expr(L, E_FIELD, loc);
    e->sub[0] = base;
    e->text = intern_cxstring(clang_getCursorSpelling(field));
    e->usr = intern_cxstring(clang_getCursorUSR(field));
    e->record = record_name_of(clang_getCursorType(clang_getCursorSemanticParent(field)));
    e->type = type_of(clang_getCursorType(field));
    return e;
}

static void lower_init(struct lower *L, struct ir_expr *target, CXCursor init);

/* `{ a, b }` or `{ .f = a, [2] = b }` for a record or array target. */
static void lower_init_list(struct lower *L, struct ir_expr *target, CXCursor list, CXType tt)
{
    CXType canon = clang_getCanonicalType(tt);
    struct cursor_vec cv = children_of(list);
    struct field_list fields = {0};
    if (canon.kind == CXType_Record)
        clang_Type_visitFields(canon, collect_field, &fields);
    int next_field = 0;
    for (int i = 0; i < cv.n; i++) {
        CXCursor item = cv.v[i];
        loc_t loc = loc_of(L, item);
        /* A designated initializer shows as an unexposed expression whose
         * children are the designators (MemberRef) and then the value. */
        struct cursor_vec parts = children_of(item);
        bool designated = false;
        struct ir_expr *dest = target;
        CXType dest_type = canon;
        CXCursor value = item;
        if (clang_getCursorKind(item) == CXCursor_UnexposedExpr && parts.n >= 2 &&
            clang_getCursorKind(parts.v[0]) == CXCursor_MemberRef) {
            designated = true;
            for (int j = 0; j < parts.n - 1; j++) {
                if (clang_getCursorKind(parts.v[j]) != CXCursor_MemberRef)
                    continue;
                CXCursor f = clang_getCursorReferenced(parts.v[j]);
                dest = field_of(L, dest, f, loc);
                dest_type = clang_getCursorType(f);
                for (int fi = 0; fi < fields.n; fi++)
                    if (dest->sub[0] == target && clang_equalCursors(fields.v[fi], f))
                        next_field = fi + 1;
            }
            value = parts.v[parts.n - 1];
        }
        free(parts.v);
        if (!designated) {
            if (canon.kind == CXType_Record) {
                if (next_field >= fields.n)
                    continue;
                CXCursor f = fields.v[next_field++];
                dest = field_of(L, target, f, loc);
                dest_type = clang_getCursorType(f);
            } else if (canon.kind == CXType_ConstantArray || canon.kind == CXType_IncompleteArray) {
                struct ir_expr *ix = new_expr(L, E_INDEX, loc);
                ix->sub[0] = target;
                struct ir_type ity = {.cls = TY_INT, .spelling = str_intern("int"), .size = 4};
                ix->sub[1] = int_expr(L, loc, i, ity, 0);
                ix->type = type_of(clang_getArrayElementType(canon));
                dest = ix;
                dest_type = clang_getArrayElementType(canon);
            } else {
                dest = target;
            }
        }
        if (clang_getCursorKind(strip(value)) == CXCursor_InitListExpr)
            lower_init_list(L, dest, strip(value), dest_type);
        else
            lower_init(L, dest, value);
    }
    free(fields.v);
    free(cv.v);
}

static void lower_init(struct lower *L, struct ir_expr *target, CXCursor init)
{
    CXCursor s = strip(init);
    if (clang_getCursorKind(s) == CXCursor_InitListExpr) {
        lower_init_list(L, target, s, clang_getCursorType(s));
        return;
    }
    loc_t loc = loc_of(L, init);
    if (is_constructor_call(s)) {
        lower_construct(L, target, s);
        return;
    }
    if (clang_getCursorKind(s) == CXCursor_CallExpr) {
        struct ir_expr *ce = build_call(L, s);
        emit_assign(L, loc, target, ce);
        end_call(L, ce);
        return;
    }
    emit_assign(L, loc, target, lower_expr(L, init));
}

/* ------------------------------------------------------------------ */
/* statements                                                          */

static struct loop_ctx *innermost_loop(struct lower *L, bool want_continue)
{
    for (size_t i = L->loops.n; i-- > 0;)
        if (!want_continue || L->loops.v[i].continue_to >= 0)
            return &L->loops.v[i];
    return NULL;
}

/* Runs the __finally bodies of the __try statements being left (innermost
 * first) down to depth `to`. */
static void run_finally_blocks(struct lower *L, int to)
{
    for (int i = (int)L->tries.n - 1; i >= to; i--) {
        if (!L->tries.v[i].has_finally)
            continue;
        struct try_ctx saved = L->tries.v[i];
        /* A finally body runs outside its own __try. */
        size_t saved_n = L->tries.n;
        L->tries.n = (size_t)i;
        lower_stmt(L, saved.finally_body);
        L->tries.n = saved_n;
    }
}

static int label_block(struct lower *L, str_id name)
{
    for (size_t i = 0; i < L->labels.n; i++)
        if (L->labels.v[i].name == name)
            return L->labels.v[i].block;
    struct label lb = {name, new_block(L)};
    VEC_PUSH(L->labels, lb);
    return lb.block;
}

static void lower_decl(struct lower *L, CXCursor var)
{
    if (clang_getCursorKind(var) != CXCursor_VarDecl)
        return;
    if (clang_Cursor_getStorageClass(var) == CX_SC_Static || clang_Cursor_getStorageClass(var) == CX_SC_Extern)
        return; /* a global with block scope: handled with the globals */
    int idx = add_local(L, var, false);
    loc_t loc = loc_of(L, var);
    struct ir_stmt d = {.kind = S_DECL, .loc = loc, .local = idx};
    emit(L, d);
    struct cursor_vec cv = children_of(var);
    for (int i = 0; i < cv.n; i++) {
        if (is_expr_kind(clang_getCursorKind(cv.v[i]))) {
            lower_init(L, local_ref(L, idx, loc), cv.v[i]);
            break;
        }
    }
    free(cv.v);
    /* C++: its destructor runs where its scope ends. */
    CXType vt = clang_getCursorType(var);
    if (cxx_destroy(L, local_ref(L, idx, loc), vt, loc, false, 0)) {
        struct scoped_dtor d = {idx, vt};
        VEC_PUSH(L->dtors, d);
    }
}

/* For statements: libclang omits absent parts, so the header's parts are
 * told apart by where they start relative to the two semicolons. */
static void lower_for(struct lower *L, CXCursor c, struct cursor_vec *cv)
{
    CXToken *toks = NULL;
    unsigned n = 0;
    clang_tokenize(L->tu, clang_getCursorExtent(c), &toks, &n);
    unsigned semi[2] = {0, 0}, close = 0;
    int nsemi = 0, depth = 0;
    for (unsigned i = 0; i < n; i++) {
        CXString sp = clang_getTokenSpelling(L->tu, toks[i]);
        const char *t = clang_getCString(sp);
        unsigned off;
        clang_getExpansionLocation(clang_getTokenLocation(L->tu, toks[i]), NULL, NULL, NULL, &off);
        if (!strcmp(t, "(")) {
            depth++;
        } else if (!strcmp(t, ")")) {
            if (--depth == 0) {
                close = off;
                clang_disposeString(sp);
                break;
            }
        } else if (!strcmp(t, ";") && depth == 1 && nsemi < 2) {
            semi[nsemi++] = off;
        }
        clang_disposeString(sp);
    }
    if (toks)
        clang_disposeTokens(L->tu, toks, n);
    CXCursor init = clang_getNullCursor(), cond = clang_getNullCursor(), inc = clang_getNullCursor(),
             body = clang_getNullCursor();
    for (int i = 0; i < cv->n; i++) {
        unsigned off;
        clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(cv->v[i])), NULL, NULL, NULL, &off);
        if (nsemi == 2 && off < semi[0])
            init = cv->v[i];
        else if (nsemi == 2 && off < semi[1])
            cond = cv->v[i];
        else if (nsemi == 2 && off < close)
            inc = cv->v[i];
        else
            body = cv->v[i];
    }
    if (nsemi != 2)
        mark_incomplete(L, "a for statement the lowering cannot read", loc_of(L, c));
    if (!clang_Cursor_isNull(init))
        lower_stmt(L, init);
    int head = new_block(L), body_b = new_block(L), step = new_block(L), exit_b = new_block(L);
    jump_and_continue(L, head);
    if (!clang_Cursor_isNull(cond))
        lower_cond(L, cond, body_b, exit_b);
    else
        jump(L, body_b);
    L->cur = body_b;
    struct loop_ctx lc = {exit_b, step, (int)L->tries.n};
    VEC_PUSH(L->loops, lc);
    if (!clang_Cursor_isNull(body))
        lower_stmt(L, body);
    L->loops.n--;
    jump_and_continue(L, step);
    if (!clang_Cursor_isNull(inc))
        (void)lower_expr(L, inc);
    jump(L, head);
    L->cur = exit_b;
}

static void lower_return(struct lower *L, CXCursor c, struct cursor_vec *cv)
{
    loc_t loc = loc_of(L, c);
    struct ir_expr *value = NULL;
    if (cv->n > 0 && is_expr_kind(clang_getCursorKind(cv->v[0]))) {
        CXCursor e = strip(cv->v[0]);
        if (clang_getCursorKind(e) == CXCursor_CallExpr)
            value = lower_call(L, e, true);
        else
            value = lower_expr(L, cv->v[0]);
        if ((L->tries.n > 0 || L->dtors.n > 0) && value->kind != E_INT) {
            /* The value is computed before the __finally blocks and the
             * destructors run. */
            int t = new_temp(L, value->type, loc);
            emit_assign(L, loc, local_ref(L, t, loc), value);
            value = local_ref(L, t, loc);
        }
    }
    run_scope_dtors(L, 0, loc);
    run_finally_blocks(L, 0);
    struct ir_term t = {.kind = T_RETURN, .loc = loc, .cond = value, .succ = {-1, -1}};
    terminate(L, t);
}

static void lower_seh_try(struct lower *L, CXCursor c, struct cursor_vec *cv)
{
    if (cv->n != 2) {
        mark_incomplete(L, "a __try statement the lowering cannot read", loc_of(L, c));
        for (int i = 0; i < cv->n; i++)
            lower_stmt(L, cv->v[i]);
        return;
    }
    CXCursor body = cv->v[0], handler = cv->v[1];
    int after = new_block(L);
    if (clang_getCursorKind(handler) == CXCursor_SEHFinallyStmt) {
        struct cursor_vec hv = children_of(handler);
        struct try_ctx tc = {hv.n > 0 ? hv.v[hv.n - 1] : clang_getNullCursor(), hv.n > 0, new_block(L)};
        free(hv.v);
        VEC_PUSH(L->tries, tc);
        lower_stmt(L, body);
        L->tries.n--;
        /* Normal completion and __leave both run the finally body once. */
        jump_and_continue(L, tc.leave_to);
        if (tc.has_finally)
            lower_stmt(L, tc.finally_body);
        jump_and_continue(L, after);
        return;
    }
    /* __except: the handler can be entered from anywhere in the body;
     * model entry before the body and after it. */
    int body_b = new_block(L), handler_b = new_block(L);
    struct ir_term fork = {.kind = T_BRANCH, .loc = loc_of(L, c), .cond = NULL, .succ = {body_b, handler_b}};
    cur_block(L)->term = fork;
    L->cur = body_b;
    struct try_ctx tc = {clang_getNullCursor(), false, after};
    VEC_PUSH(L->tries, tc);
    lower_stmt(L, body);
    L->tries.n--;
    struct ir_term fork2 = {.kind = T_BRANCH, .loc = loc_of(L, c), .cond = NULL, .succ = {after, handler_b}};
    if (cur_block(L)->term.kind == T_NONE)
        cur_block(L)->term = fork2;
    L->cur = handler_b;
    struct cursor_vec hv = children_of(handler);
    if (hv.n > 0)
        lower_stmt(L, hv.v[hv.n - 1]);
    free(hv.v);
    jump_and_continue(L, after);
}

static void lower_switch(struct lower *L, CXCursor c, struct cursor_vec *cv)
{
    if (cv->n < 2) {
        mark_incomplete(L, "a switch statement without a body", loc_of(L, c));
        return;
    }
    CXCursor cond_c = cv->v[cv->n - 2], body = cv->v[cv->n - 1];
    if (clang_getCursorKind(cond_c) == CXCursor_VarDecl)
        lower_decl(L, cond_c);
    loc_t loc = loc_of(L, c);
    struct ir_expr *cond = clang_getCursorKind(cond_c) == CXCursor_VarDecl
                               ? local_ref(L, find_local(L, cond_c), loc)
                               : lower_expr(L, cond_c);
    int head = L->cur;
    int exit_b = new_block(L);
    struct switch_ctx sw = {0, 0, NULL, NULL, -1};
    struct switch_ctx *outer = L->sw;
    L->sw = &sw;
    struct loop_ctx lc = {exit_b, -1, (int)L->tries.n};
    VEC_PUSH(L->loops, lc);
    L->cur = new_block(L); /* code before the first label is unreachable */
    lower_stmt(L, body);
    jump(L, exit_b);
    L->loops.n--;
    L->sw = outer;
    struct ir_term t = {.kind = T_SWITCH, .loc = loc, .cond = cond,
                        .succ = {sw.default_block >= 0 ? sw.default_block : exit_b, -1}};
    t.ncases = sw.ncases;
    t.cases = arena_alloc(L->A, sizeof(int64_t) * (size_t)(sw.ncases ? sw.ncases : 1));
    t.case_succ = arena_alloc(L->A, sizeof(int) * (size_t)(sw.ncases ? sw.ncases : 1));
    for (int i = 0; i < sw.ncases; i++) {
        t.cases[i] = sw.values[i];
        t.case_succ[i] = sw.targets[i];
    }
    free(sw.values);
    free(sw.targets);
    if (L->blocks.v[head].term.kind == T_NONE)
        L->blocks.v[head].term = t;
    L->cur = exit_b;
}

static void lower_case(struct lower *L, CXCursor c, struct cursor_vec *cv, bool is_default)
{
    int b = new_block(L);
    jump_and_continue(L, b); /* fall-through from the previous case */
    if (L->sw) {
        if (is_default) {
            L->sw->default_block = b;
        } else if (cv->n >= 1) {
            int64_t v = 0;
            if (try_evaluate(L, cv->v[0], &v)) {
                if (L->sw->ncases == L->sw->cap) {
                    L->sw->cap = L->sw->cap ? L->sw->cap * 2 : 8;
                    L->sw->values = xrealloc(L->sw->values, sizeof(int64_t) * (size_t)L->sw->cap);
                    L->sw->targets = xrealloc(L->sw->targets, sizeof(int) * (size_t)L->sw->cap);
                }
                L->sw->values[L->sw->ncases] = v;
                L->sw->targets[L->sw->ncases] = b;
                L->sw->ncases++;
            } else {
                mark_incomplete(L, "a case label whose value is not a constant", loc_of(L, c));
            }
        }
    }
    if (cv->n > 0)
        lower_stmt(L, cv->v[cv->n - 1]);
}

static void lower_stmt(struct lower *L, CXCursor c)
{
    if (clang_Cursor_isNull(c))
        return;
    if (++L->depth > L->opts->max_depth) {
        L->depth--;
        mark_incomplete(L, "statements nested more deeply than the lowering's limit", loc_of(L, c));
        return;
    }
    enum CXCursorKind k = clang_getCursorKind(c);
    if (is_expr_kind(k)) {
        CXCursor s = strip(c);
        if (clang_getCursorKind(s) == CXCursor_CallExpr) {
            (void)lower_call(L, s, false);
        } else {
            enum CXCursorKind sk = clang_getCursorKind(s);
            struct ir_expr *e = lower_expr(L, c);
            bool is_read = sk == CXCursor_MemberRefExpr || sk == CXCursor_ArraySubscriptExpr ||
                           sk == CXCursor_UnaryOperator;
            if (is_read && (e->kind == E_FIELD || e->kind == E_DEREF || e->kind == E_INDEX)) {
                struct ir_stmt st = {.kind = S_EVAL, .loc = e->loc, .rhs = e};
                emit(L, st);
            }
        }
        L->depth--;
        return;
    }
    struct cursor_vec cv = children_of(c);
    switch (k) {
    case CXCursor_CompoundStmt: {
        size_t mark = L->dtors.n;
        for (int i = 0; i < cv.n; i++)
            lower_stmt(L, cv.v[i]);
        if (L->dtors.n > mark) {
            run_scope_dtors(L, mark, loc_of_extent_end(L, c));
            L->dtors.n = mark;
        }
        break;
    }
    case CXCursor_DeclStmt:
        for (int i = 0; i < cv.n; i++)
            lower_decl(L, cv.v[i]);
        break;
    case CXCursor_IfStmt: {
        /* An else-if chain arm by arm in a loop (generated dispatch code
         * has thousands of arms, each an if nested in the last one's
         * else), with the blocks recursion would make: each arm's join
         * block jumps to the enclosing arm's. */
        VEC(int) joins = {0};
        struct cursor_vec arm = cv;
        CXCursor at = c;
        for (;;) {
            int first = 0;
            if (arm.n > 0 && clang_getCursorKind(arm.v[0]) == CXCursor_VarDecl) {
                lower_decl(L, arm.v[0]);
                first = 1;
            }
            if (arm.n - first < 2) {
                mark_incomplete(L, "an if statement the lowering cannot read", loc_of(L, at));
                break;
            }
            int then_b = new_block(L), else_b = new_block(L), join = new_block(L);
            VEC_PUSH(joins, join);
            bool has_else = arm.n - first >= 3;
            lower_cond(L, arm.v[first], then_b, has_else ? else_b : join);
            L->cur = then_b;
            lower_stmt(L, arm.v[first + 1]);
            jump(L, join);
            if (!has_else)
                break;
            L->cur = else_b;
            CXCursor other = arm.v[first + 2];
            if (clang_getCursorKind(other) != CXCursor_IfStmt) {
                lower_stmt(L, other);
                jump(L, join);
                break;
            }
            if (arm.v != cv.v)
                free(arm.v);
            arm = children_of(other);
            at = other;
        }
        if (arm.v != cv.v)
            free(arm.v);
        for (size_t i = joins.n; i-- > 0;) {
            L->cur = joins.v[i];
            if (i > 0)
                jump(L, joins.v[i - 1]);
        }
        VEC_FREE(joins);
        break;
    }
    case CXCursor_WhileStmt: {
        if (cv.n < 2) {
            mark_incomplete(L, "a while statement the lowering cannot read", loc_of(L, c));
            break;
        }
        int head = new_block(L), body_b = new_block(L), exit_b = new_block(L);
        jump_and_continue(L, head);
        lower_cond(L, cv.v[cv.n - 2], body_b, exit_b);
        L->cur = body_b;
        struct loop_ctx lc = {exit_b, head, (int)L->tries.n};
        VEC_PUSH(L->loops, lc);
        lower_stmt(L, cv.v[cv.n - 1]);
        L->loops.n--;
        jump(L, head);
        L->cur = exit_b;
        break;
    }
    case CXCursor_DoStmt: {
        if (cv.n < 2) {
            mark_incomplete(L, "a do statement the lowering cannot read", loc_of(L, c));
            break;
        }
        int body_b = new_block(L), cond_b = new_block(L), exit_b = new_block(L);
        jump_and_continue(L, body_b);
        struct loop_ctx lc = {exit_b, cond_b, (int)L->tries.n};
        VEC_PUSH(L->loops, lc);
        lower_stmt(L, cv.v[0]);
        L->loops.n--;
        jump_and_continue(L, cond_b);
        lower_cond(L, cv.v[1], body_b, exit_b);
        L->cur = exit_b;
        break;
    }
    case CXCursor_ForStmt:
        lower_for(L, c, &cv);
        break;
    case CXCursor_SwitchStmt:
        lower_switch(L, c, &cv);
        break;
    case CXCursor_CaseStmt:
        lower_case(L, c, &cv, false);
        break;
    case CXCursor_DefaultStmt:
        lower_case(L, c, &cv, true);
        break;
    case CXCursor_BreakStmt:
    case CXCursor_ContinueStmt: {
        struct loop_ctx *lc = innermost_loop(L, k == CXCursor_ContinueStmt);
        if (!lc) {
            mark_incomplete(L, "a break or continue outside a loop or switch", loc_of(L, c));
            break;
        }
        int target = k == CXCursor_BreakStmt ? lc->break_to : lc->continue_to;
        run_finally_blocks(L, lc->try_depth);
        struct ir_term t = {.kind = T_GOTO, .loc = loc_of(L, c), .succ = {target, -1}};
        terminate(L, t);
        break;
    }
    case CXCursor_GotoStmt: {
        str_id name = 0;
        for (int i = 0; i < cv.n; i++)
            if (clang_getCursorKind(cv.v[i]) == CXCursor_LabelRef)
                name = intern_cxstring(clang_getCursorSpelling(cv.v[i]));
        if (!name) {
            mark_incomplete(L, "a goto whose label is not named", loc_of(L, c));
            break;
        }
        struct ir_term t = {.kind = T_GOTO, .loc = loc_of(L, c), .succ = {label_block(L, name), -1}};
        terminate(L, t);
        break;
    }
    case CXCursor_IndirectGotoStmt: {
        /* goto *p may reach any label whose address the function takes:
         * all gotos of the function lead to one block that branches to
         * each of them (made when the function is done and every &&label
         * is known). */
        for (int i = 0; i < cv.n; i++)
            if (is_expr_kind(clang_getCursorKind(cv.v[i]))) {
                struct ir_expr *target = lower_expr(L, cv.v[i]);
                struct ir_stmt s = {.kind = S_EVAL, .loc = target->loc, .rhs = target};
                emit(L, s);
            }
        if (L->indirect_dispatch < 0)
            L->indirect_dispatch = new_block(L);
        struct ir_term t = {.kind = T_GOTO, .loc = loc_of(L, c), .succ = {L->indirect_dispatch, -1}};
        terminate(L, t);
        break;
    }
    case CXCursor_LabelStmt: {
        str_id name = intern_cxstring(clang_getCursorSpelling(c));
        int b = label_block(L, name);
        jump_and_continue(L, b);
        if (!loc_valid(cur_block(L)->loc))
            cur_block(L)->loc = loc_of(L, c);
        for (int i = 0; i < cv.n; i++)
            lower_stmt(L, cv.v[i]);
        break;
    }
    case CXCursor_ReturnStmt:
        lower_return(L, c, &cv);
        break;
    case CXCursor_SEHTryStmt:
        lower_seh_try(L, c, &cv);
        break;
    case CXCursor_SEHLeaveStmt: {
        if (L->tries.n == 0) {
            mark_incomplete(L, "a __leave outside a __try", loc_of(L, c));
            break;
        }
        struct ir_term t = {.kind = T_GOTO, .loc = loc_of(L, c), .succ = {L->tries.v[L->tries.n - 1].leave_to, -1}};
        terminate(L, t);
        break;
    }
    case CXCursor_NullStmt:
    case CXCursor_GCCAsmStmt:
    case CXCursor_MSAsmStmt:
    case CXCursor_StaticAssert:
        break;
    case CXCursor_CXXTryStmt:
        /* C++ exceptions do not exist in kernel code: the body only. */
        if (cv.n > 0)
            lower_stmt(L, cv.v[0]);
        break;
    default:
        /* Unknown statement: lower what it contains, in order. */
        for (int i = 0; i < cv.n; i++)
            lower_stmt(L, cv.v[i]);
        break;
    }
    free(cv.v);
    L->depth--;
}

/* ------------------------------------------------------------------ */
/* functions and translation units                                     */

/* &&label anywhere in the body (a static table's initializer too, which
 * the lowering does not visit): the targets of its indirect gotos. */
static enum CXChildVisitResult find_addr_labels(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct lower *L = data;
    if (clang_getCursorKind(c) == CXCursor_AddrLabelExpr) {
        struct cursor_vec lv = children_of(c);
        for (int i = 0; i < lv.n; i++)
            if (clang_getCursorKind(lv.v[i]) == CXCursor_LabelRef) {
                str_id name = intern_cxstring(clang_getCursorSpelling(lv.v[i]));
                bool known = false;
                for (size_t j = 0; j < L->addr_labels.n && !known; j++)
                    known = L->addr_labels.v[j] == name;
                if (!known)
                    VEC_PUSH(L->addr_labels, name);
            }
        free(lv.v);
        return CXChildVisit_Continue;
    }
    return CXChildVisit_Recurse;
}

/* The block every indirect goto leads to: a branch, either way, to each
 * label whose address is taken (the paths the analyses follow are all
 * those the program may take). */
static void lower_indirect_dispatch(struct lower *L)
{
    int n = (int)L->addr_labels.n;
    int at = L->indirect_dispatch;
    if (n == 0) {
        mark_incomplete(L, "an indirect goto with no label whose address is taken", L->fn->loc);
        return;
    }
    for (int i = 0; i < n; i++) {
        int target = label_block(L, L->addr_labels.v[i]);
        struct ir_term t = {.kind = T_GOTO, .succ = {target, -1}};
        if (i + 1 < n) {
            int next = new_block(L);
            t.kind = T_BRANCH;
            t.succ[1] = next;
            L->blocks.v[at].term = t;
            at = next;
        } else {
            L->blocks.v[at].term = t;
        }
    }
}

static struct ir_func *lower_function(struct lower *L, CXCursor fc)
{
    struct ir_func *f = arena_alloc(L->A, sizeof *f);
    L->fn = f;
    L->blocks.n = 0;
    L->locals.n = 0;
    L->local_keys.n = 0;
    L->loops.n = 0;
    L->tries.n = 0;
    L->labels.n = 0;
    L->addr_labels.n = 0;
    L->indirect_dispatch = -1;
    L->sw = NULL;
    L->depth = 0;
    L->dtors.n = 0;
    L->this_local = -1;
    f->usr = intern_cxstring(clang_getCursorUSR(fc));
    f->name = intern_cxstring(clang_getCursorSpelling(fc));
    f->loc = loc_of(L, fc);
    CXType ft = clang_getCursorType(fc);
    f->ret = type_of(clang_getResultType(ft));
    f->canon_type = intern_cxstring(clang_getTypeSpelling(clang_getCanonicalType(ft)));
    f->is_static = clang_Cursor_getStorageClass(fc) == CX_SC_Static;
    CXType record = clang_getCursorType(clang_getCursorSemanticParent(fc));
    if (is_instance_member(fc)) {
        /* `this`, the first parameter of a member function */
        struct ir_local self;
        memset(&self, 0, sizeof self);
        self.name = str_intern("this");
        self.type = (struct ir_type){.cls = TY_PTR, .spelling = str_intern("this"), .record = record_name_of(record),
                                     .size = 8};
        self.loc = loc_of(L, fc);
        self.is_param = true;
        VEC_PUSH(L->locals, self);
        L->this_local = 0;
    }
    int np = clang_Cursor_getNumArguments(fc);
    for (int i = 0; i < np; i++)
        add_local(L, clang_Cursor_getArgument(fc, (unsigned)i), true);
    f->nparams = (np > 0 ? np : 0) + (L->this_local >= 0);

    CXCursor body = clang_getNullCursor();
    struct cursor_vec cv = children_of(fc);
    for (int i = 0; i < cv.n; i++)
        if (clang_getCursorKind(cv.v[i]) == CXCursor_CompoundStmt)
            body = cv.v[i];
    free(cv.v);
    L->cur = new_block(L);
    struct ir_expr *self = NULL;
    if (L->this_local >= 0) {
        self = new_expr(L, E_DEREF, f->loc);
        self->sub[0] = local_ref(L, L->this_local, f->loc);
        self->type = type_of(record);
    }
    if (self && clang_getCursorKind(fc) == CXCursor_Constructor) {
        /* member initializers: `: Member(value)` */
        struct cursor_vec kids = children_of(fc);
        for (int i = 0; i + 1 < kids.n; i++) {
            if (clang_getCursorKind(kids.v[i]) != CXCursor_MemberRef ||
                !is_expr_kind(clang_getCursorKind(kids.v[i + 1])))
                continue;
            CXCursor field = clang_getCursorReferenced(kids.v[i]);
            lower_init(L, field_of(L, self, field, loc_of(L, kids.v[i])), kids.v[i + 1]);
            i++;
        }
        free(kids.v);
    }
    if (!clang_Cursor_isNull(body)) {
        cur_block(L)->loc = loc_of(L, body);
        f->end_loc = loc_of_extent_end(L, body);
        lower_stmt(L, body);
    }
    if (self && clang_getCursorKind(fc) == CXCursor_Destructor && cur_block(L)->term.kind == T_NONE) {
        /* after the body, the members' destructors, last member first */
        CXCursor decl = clang_getTypeDeclaration(clang_getCanonicalType(record));
        struct cursor_vec kids = children_of(decl);
        for (int i = kids.n - 1; i >= 0; i--)
            if (clang_getCursorKind(kids.v[i]) == CXCursor_FieldDecl)
                (void)cxx_destroy(L, field_of(L, self, kids.v[i], f->end_loc), clang_getCursorType(kids.v[i]),
                                  f->end_loc, true, 1);
        free(kids.v);
    }
    struct ir_term fall = {.kind = T_RETURN, .loc = f->end_loc, .cond = NULL, .succ = {-1, -1}, .implicit = true};
    if (cur_block(L)->term.kind == T_NONE)
        cur_block(L)->term = fall;
    if (L->indirect_dispatch >= 0) {
        clang_visitChildren(body, find_addr_labels, L);
        lower_indirect_dispatch(L);
    }
    /* Blocks that were created but never terminated (unreachable tails). */
    for (size_t i = 0; i < L->blocks.n; i++) {
        if (L->blocks.v[i].term.kind == T_NONE) {
            L->blocks.v[i].term = fall;
        }
    }
    f->nblocks = (int)L->blocks.n;
    f->blocks = arena_alloc(L->A, sizeof(struct ir_block) * L->blocks.n);
    for (size_t i = 0; i < L->blocks.n; i++) {
        struct ir_block *b = &f->blocks[i];
        *b = L->blocks.v[i];
        struct ir_stmt *st = arena_alloc(L->A, sizeof(struct ir_stmt) * (size_t)(b->nstmts ? b->nstmts : 1));
        if (b->nstmts)
            memcpy(st, b->stmts, sizeof(struct ir_stmt) * (size_t)b->nstmts);
        free(b->stmts);
        b->stmts = st;
        b->cap = b->nstmts;
    }
    f->nlocals = (int)L->locals.n;
    if (f->nlocals >= (1 << 22)) /* more locals than the analyses can name */
        mark_incomplete(L, "more local variables than the analyses can name", f->loc);
    f->locals = arena_alloc(L->A, sizeof(struct ir_local) * (L->locals.n ? L->locals.n : 1));
    if (L->locals.n)
        memcpy(f->locals, L->locals.v, sizeof(struct ir_local) * L->locals.n);
    L->fn = NULL;
    return f;
}

struct tu_walk {
    struct lower *L;
    VEC(struct ir_func *) funcs;
    VEC(struct ir_global *) globals;
    VEC(struct ir_decl) decls;
};

static void record_role_type(struct lower *L, CXCursor td)
{
    str_id name = intern_cxstring(clang_getCursorSpelling(td));
    const char *n = str_get(name);
    static const char *const roles[] = {NULL, "DUMP_START", "DUMP_WRITE", "DUMP_FINISH", "DUMP_UNLOAD", "DUMP_READ"};
    for (int r = 1; r < 6; r++) {
        if (strcmp(n, roles[r]) && !(n[0] == 'P' && !strcmp(n + 1, roles[r])))
            continue;
        CXType t = clang_getCanonicalType(clang_getTypedefDeclUnderlyingType(td));
        if (t.kind == CXType_Pointer)
            t = clang_getCanonicalType(clang_getPointeeType(t));
        if (t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto)
            L->facts->role_canon_type[r] = intern_cxstring(clang_getTypeSpelling(t));
    }
}

static struct ir_global *lower_global(struct lower *L, CXCursor var)
{
    struct ir_global *g = arena_alloc(L->A, sizeof *g);
    g->usr = intern_cxstring(clang_getCursorUSR(var));
    g->name = intern_cxstring(clang_getCursorSpelling(var));
    g->loc = loc_of(L, var);
    g->type = type_of(clang_getCursorType(var));
    g->is_static = clang_Cursor_getStorageClass(var) == CX_SC_Static;
    g->has_definition = clang_isCursorDefinition(var) != 0;
    /* Initializers are constant expressions: lower them into a scratch
     * function so the usual machinery applies. */
    CXCursor init = clang_getNullCursor();
    struct cursor_vec cv = children_of(var);
    for (int i = 0; i < cv.n; i++)
        if (is_expr_kind(clang_getCursorKind(cv.v[i])))
            init = cv.v[i];
    free(cv.v);
    if (clang_Cursor_isNull(init))
        return g;
    struct ir_func scratch;
    memset(&scratch, 0, sizeof scratch);
    L->fn = &scratch;
    L->blocks.n = 0;
    L->locals.n = 0;
    L->local_keys.n = 0;
    L->cur = new_block(L);
    struct ir_expr *target = new_expr(L, E_GLOBAL, g->loc);
    target->usr = g->usr;
    target->text = g->name;
    target->type = g->type;
    lower_init(L, target, init);
    struct ir_block *b = &L->blocks.v[0];
    g->ninit = b->nstmts;
    g->init = arena_alloc(L->A, sizeof(struct ir_stmt) * (size_t)(b->nstmts ? b->nstmts : 1));
    if (b->nstmts)
        memcpy(g->init, b->stmts, sizeof(struct ir_stmt) * (size_t)b->nstmts);
    for (size_t i = 0; i < L->blocks.n; i++)
        free(L->blocks.v[i].stmts);
    L->blocks.n = 0;
    L->fn = NULL;
    return g;
}

static void record_decl(struct tu_walk *W, CXCursor fc)
{
    struct lower *L = W->L;
    struct ir_decl d;
    memset(&d, 0, sizeof d);
    d.usr = intern_cxstring(clang_getCursorUSR(fc));
    d.name = intern_cxstring(clang_getCursorSpelling(fc));
    d.loc = loc_of(L, fc);
    CXType t = clang_getCursorType(fc);
    d.canon_type = intern_cxstring(clang_getTypeSpelling(clang_getCanonicalType(t)));
    if (t.kind == CXType_Typedef || t.kind == CXType_Elaborated)
        d.role_typedef = intern_cxstring(clang_getTypeSpelling(t));
    d.is_static = clang_Cursor_getStorageClass(fc) == CX_SC_Static;
    d.in_system_header = clang_Location_isInSystemHeader(clang_getCursorLocation(fc)) != 0;
    d.noreturn = is_noreturn_decl(L, fc, d.name);
    d.is_definition = clang_isCursorDefinition(fc) != 0;
    if (!d.noreturn && !d.in_system_header && !d.is_definition)
        d.noreturn = declared_noreturn(L, fc);
    VEC_PUSH(W->decls, d);
}

/* Static locals are globals with block scope. */
static enum CXChildVisitResult find_static_locals(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct tu_walk *W = data;
    if (clang_getCursorKind(c) == CXCursor_VarDecl && clang_Cursor_getStorageClass(c) == CX_SC_Static) {
        struct ir_global *g = lower_global(W->L, c);
        VEC_PUSH(W->globals, g);
    }
    return CXChildVisit_Recurse;
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct tu_walk *W = data;
    struct lower *L = W->L;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_TypedefDecl) {
        record_role_type(L, c);
        return CXChildVisit_Continue;
    }
    if (k == CXCursor_LinkageSpec || k == CXCursor_Namespace || k == CXCursor_UnexposedDecl)
        return CXChildVisit_Recurse;
    if (clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
    if ((k == CXCursor_StructDecl || k == CXCursor_ClassDecl) && L->facts->is_cplusplus)
        return CXChildVisit_Recurse; /* member functions defined in the class */
    if (k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_Constructor ||
        k == CXCursor_Destructor) {
        record_decl(W, c);
        if (clang_isCursorDefinition(c)) {
            struct ir_func *f = lower_function(L, c);
            f->is_cplusplus = L->facts->is_cplusplus;
            VEC_PUSH(W->funcs, f);
            clang_visitChildren(c, find_static_locals, W);
        }
        return CXChildVisit_Continue;
    }
    if (k == CXCursor_VarDecl) {
        struct ir_global *g = lower_global(L, c);
        VEC_PUSH(W->globals, g);
        return CXChildVisit_Continue;
    }
    return CXChildVisit_Continue;
}

void lower_translation_unit(CXTranslationUnit tu, const struct lower_options *opts, struct tu_facts *out)
{
    struct lower L;
    memset(&L, 0, sizeof L);
    static const struct lower_options defaults = {NULL, NULL, 2000};
    L.tu = tu;
    L.opts = opts ? opts : &defaults;
    L.facts = out;
    L.A = &out->arena;
    CXCursor root = clang_getTranslationUnitCursor(tu);
    out->main_file = intern_cxstring(clang_getTranslationUnitSpelling(tu));
    const char *mf = str_get(out->main_file);
    size_t n = strlen(mf);
    out->is_cplusplus = (n > 4 && (!strcmp(mf + n - 4, ".cpp") || !strcmp(mf + n - 4, ".cxx"))) ||
                        (n > 3 && !strcmp(mf + n - 3, ".cc"));
    struct tu_walk W;
    memset(&W, 0, sizeof W);
    W.L = &L;
    clang_visitChildren(root, visit_top, &W);

    out->nfuncs = (int)W.funcs.n;
    out->funcs = arena_alloc(L.A, sizeof(struct ir_func *) * (W.funcs.n ? W.funcs.n : 1));
    if (W.funcs.n)
        memcpy(out->funcs, W.funcs.v, sizeof(struct ir_func *) * W.funcs.n);
    out->nglobals = (int)W.globals.n;
    out->globals = arena_alloc(L.A, sizeof(struct ir_global *) * (W.globals.n ? W.globals.n : 1));
    if (W.globals.n)
        memcpy(out->globals, W.globals.v, sizeof(struct ir_global *) * W.globals.n);
    out->ndecls = (int)W.decls.n;
    out->decls = arena_alloc(L.A, sizeof(struct ir_decl) * (W.decls.n ? W.decls.n : 1));
    if (W.decls.n)
        memcpy(out->decls, W.decls.v, sizeof(struct ir_decl) * W.decls.n);
    VEC_FREE(W.funcs);
    VEC_FREE(W.globals);
    VEC_FREE(W.decls);
    VEC_FREE(L.blocks);
    VEC_FREE(L.locals);
    VEC_FREE(L.local_keys);
    VEC_FREE(L.loops);
    VEC_FREE(L.tries);
    VEC_FREE(L.labels);
    VEC_FREE(L.dtors);
    VEC_FREE(L.addr_labels);
}

struct shared_facts *shared_facts_retain(struct shared_facts *s)
{
    if (s)
        __atomic_add_fetch(&s->refs, 1, __ATOMIC_RELAXED);
    return s;
}

void shared_facts_release(struct shared_facts *s)
{
    if (s && __atomic_sub_fetch(&s->refs, 1, __ATOMIC_ACQ_REL) == 0) {
        tu_facts_free(&s->facts);
        free(s);
    }
}

void tu_facts_free(struct tu_facts *tu)
{
    shared_facts_release(tu->prefix);
    arena_free(&tu->arena);
    memset(tu, 0, sizeof *tu);
}
