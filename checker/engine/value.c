#include "value.h"

#include <string.h>

struct val val_top(void)
{
    struct val v;
    memset(&v, 0, sizeof v);
    v.kind = V_TOP;
    v.obj = -1;
    return v;
}

struct val val_int(int64_t c, str_id text, loc_t loc)
{
    struct val v = val_top();
    v.kind = V_INT;
    v.nconst = 1;
    v.c[0] = c;
    v.ctext[0] = text;
    v.cloc[0] = loc;
    return v;
}

struct val val_unknown_int(uint8_t quarters, uint8_t flags, loc_t origin, str_id origin_name)
{
    struct val v = val_top();
    v.kind = V_INT;
    v.quarters = quarters;
    v.flags = flags;
    v.origin = origin;
    v.origin_name = origin_name;
    return v;
}

struct val val_uninit(loc_t decl)
{
    struct val v = val_unknown_int(Q_ALL, VF_UNINIT, decl, 0);
    return v;
}

struct val val_ptr(int obj, bool may_null)
{
    struct val v = val_top();
    v.kind = V_PTR;
    v.obj = obj;
    v.may_null = may_null;
    return v;
}

struct val val_func(str_id usr)
{
    struct val v = val_top();
    v.kind = V_FUNC;
    v.func = usr;
    return v;
}

uint8_t quarter_of(int64_t v)
{
    uint32_t u = (uint32_t)v;
    if (u == 0)
        return Q_ZERO;
    switch (u >> 30) {
    case 0: return Q_SUCC;
    case 1: return Q_INFO;
    case 2: return Q_WARN;
    default: return Q_ERR;
    }
}

int64_t val_norm32(int64_t v, int size, bool is_unsigned)
{
    if (size == 4)
        return is_unsigned ? (int64_t)(uint32_t)v : (int64_t)(int32_t)v;
    if (size == 2)
        return is_unsigned ? (int64_t)(uint16_t)v : (int64_t)(int16_t)v;
    if (size == 1)
        return is_unsigned ? (int64_t)(uint8_t)v : (int64_t)(int8_t)v;
    return v;
}

bool val_equal(const struct val *a, const struct val *b)
{
    if (a->kind != b->kind || a->flags != b->flags)
        return false;
    switch (a->kind) {
    case V_INT:
        if (a->quarters != b->quarters || a->nconst != b->nconst)
            return false;
        for (int i = 0; i < a->nconst; i++)
            if (a->c[i] != b->c[i])
                return false;
        return true;
    case V_PTR:
        return a->obj == b->obj && a->may_null == b->may_null;
    case V_FUNC:
        return a->func == b->func;
    default:
        return true;
    }
}

uint64_t val_hash(const struct val *v)
{
    uint64_t h = (uint64_t)v->kind * 31 + v->flags;
    switch (v->kind) {
    case V_INT:
        h = h * 31 + v->quarters;
        for (int i = 0; i < v->nconst; i++)
            h = h * 1000003 + (uint64_t)v->c[i];
        break;
    case V_PTR:
        h = h * 31 + (uint64_t)(v->obj + 1) * 2 + v->may_null;
        break;
    case V_FUNC:
        h = h * 31 + v->func;
        break;
    default:
        break;
    }
    return h;
}

static bool has_const(const struct val *v, int64_t c)
{
    for (int i = 0; i < v->nconst; i++)
        if (v->c[i] == c)
            return true;
    return false;
}

static void add_const(struct val *v, int64_t c, str_id text, loc_t loc)
{
    if (has_const(v, c))
        return;
    if (v->nconst < VAL_MAX_CONST) {
        /* Keep the set sorted so equal sets compare equal. */
        int i = v->nconst++;
        while (i > 0 && v->c[i - 1] > c) {
            v->c[i] = v->c[i - 1];
            v->ctext[i] = v->ctext[i - 1];
            v->cloc[i] = v->cloc[i - 1];
            i--;
        }
        v->c[i] = c;
        v->ctext[i] = text;
        v->cloc[i] = loc;
    } else {
        v->quarters |= quarter_of(c);
    }
}

static struct val as_int(const struct val *v)
{
    if (v->kind == V_INT)
        return *v;
    if (v->kind == V_PTR) {
        struct val r = val_unknown_int(Q_ALL, (uint8_t)(v->flags | VF_POINTER), v->origin, v->origin_name);
        if (v->may_null)
            add_const(&r, 0, str_intern("NULL"), v->origin);
        return r;
    }
    struct val r = val_unknown_int(Q_ALL, v->flags, v->origin, v->origin_name);
    return r;
}

struct val val_join(const struct val *a, const struct val *b)
{
    if (a->kind == V_NONE)
        return *b;
    if (b->kind == V_NONE)
        return *a;
    if (a->kind == V_TOP || b->kind == V_TOP) {
        struct val t = val_top();
        t.flags = a->flags | b->flags;
        return t;
    }
    if (a->kind == V_PTR && b->kind == V_PTR) {
        /* What the location held before, or what this code put there: the
         * latter is what the analysis can follow. */
        if (a->obj != b->obj && ((a->flags ^ b->flags) & VF_SYMBOLIC)) {
            struct val r = (a->flags & VF_SYMBOLIC) ? *b : *a;
            r.may_null = true;
            return r;
        }
        if (a->obj == b->obj) {
            struct val r = *a;
            r.may_null = a->may_null || b->may_null;
            r.flags |= b->flags;
            return r;
        }
        struct val t = val_top();
        t.flags = a->flags | b->flags;
        return t;
    }
    /* NULL joined with a pointer: the pointer, maybe NULL. */
    if (a->kind == V_PTR || b->kind == V_PTR) {
        const struct val *p = a->kind == V_PTR ? a : b, *o = a->kind == V_PTR ? b : a;
        if (o->kind == V_INT && o->quarters == 0 && o->nconst == 1 && o->c[0] == 0) {
            struct val r = *p;
            r.may_null = true;
            r.flags |= o->flags;
            return r;
        }
        if (o->kind == V_INT && (o->flags & VF_UNINIT) && o->nconst == 0) {
            struct val r = val_top();
            r.flags = p->flags | o->flags;
            return r;
        }
    }
    if (a->kind == V_FUNC && b->kind == V_FUNC && a->func == b->func)
        return *a;
    struct val x = as_int(a), y = as_int(b);
    struct val r = x;
    r.flags |= y.flags;
    r.quarters |= y.quarters;
    if (!loc_valid(r.origin)) {
        r.origin = y.origin;
        r.origin_name = y.origin_name;
    }
    for (int i = 0; i < y.nconst; i++)
        add_const(&r, y.c[i], y.ctext[i], y.cloc[i]);
    return r;
}

struct val val_widen(const struct val *v)
{
    if (v->kind != V_INT || v->nconst == 0)
        return *v;
    struct val r = *v;
    for (int i = 0; i < v->nconst; i++)
        r.quarters |= quarter_of(v->c[i]);
    r.nconst = 0;
    return r;
}

enum truth val_truth(const struct val *v)
{
    switch (v->kind) {
    case V_INT: {
        bool can_zero = v->quarters & Q_ZERO;
        bool can_nonzero = (v->quarters & ~Q_ZERO) != 0;
        for (int i = 0; i < v->nconst; i++) {
            if (v->c[i] == 0)
                can_zero = true;
            else
                can_nonzero = true;
        }
        if (v->flags & VF_UNINIT)
            return T_MAYBE;
        if (can_zero && can_nonzero)
            return T_MAYBE;
        return can_zero ? T_FALSE : can_nonzero ? T_TRUE : T_MAYBE;
    }
    case V_PTR:
        return v->may_null ? T_MAYBE : T_TRUE;
    case V_FUNC:
        return T_TRUE;
    default:
        return T_MAYBE;
    }
}

static bool fold(enum ir_op op, int64_t x, int64_t y, int64_t *out)
{
    switch (op) {
    case B_ADD: *out = x + y; return true;
    case B_SUB: *out = x - y; return true;
    case B_MUL: *out = x * y; return true;
    case B_DIV: if (!y) return false; *out = x / y; return true;
    case B_REM: if (!y) return false; *out = x % y; return true;
    case B_SHL: if (y < 0 || y > 62) return false; *out = (int64_t)((uint64_t)x << y); return true;
    case B_SHR: if (y < 0 || y > 62) return false; *out = x >> y; return true;
    case B_AND: *out = x & y; return true;
    case B_OR: *out = x | y; return true;
    case B_XOR: *out = x ^ y; return true;
    case B_EQ: *out = x == y; return true;
    case B_NE: *out = x != y; return true;
    case B_LT: *out = x < y; return true;
    case B_LE: *out = x <= y; return true;
    case B_GT: *out = x > y; return true;
    case B_GE: *out = x >= y; return true;
    default: return false;
    }
}

struct val val_binop(enum ir_op op, const struct val *a, const struct val *b, loc_t loc, int size, bool is_unsigned)
{
    if (a->kind == V_INT && b->kind == V_INT && a->quarters == 0 && b->quarters == 0 && a->nconst > 0 &&
        b->nconst > 0 && !((a->flags | b->flags) & VF_UNINIT)) {
        struct val r = val_top();
        r.kind = V_INT;
        for (int i = 0; i < a->nconst; i++)
            for (int j = 0; j < b->nconst; j++) {
                int64_t out;
                if (!fold(op, a->c[i], b->c[j], &out))
                    return val_unknown_int(Q_ALL, 0, loc, 0);
                add_const(&r, val_norm32(out, size, is_unsigned), 0, loc);
            }
        return r;
    }
    /* Pointer arithmetic keeps pointing into the same object. */
    if (a->kind == V_PTR && (op == B_ADD || op == B_SUB) && b->kind == V_INT)
        return *a;
    uint8_t flags = (uint8_t)((a->flags | b->flags) & (VF_UNINIT | VF_EXTERNAL));
    struct val r = val_unknown_int(Q_ALL, flags, loc, 0);
    if (op >= B_EQ && op <= B_GE) {
        r.quarters = 0;
        add_const(&r, 0, 0, loc);
        add_const(&r, 1, 0, loc);
    }
    return r;
}

struct val val_unop(enum ir_op op, const struct val *a, loc_t loc, int size)
{
    if (op == U_NOT) {
        enum truth t = val_truth(a);
        if (t == T_TRUE)
            return val_int(0, 0, loc);
        if (t == T_FALSE)
            return val_int(1, 0, loc);
        struct val r = val_int(0, 0, loc);
        add_const(&r, 1, 0, loc);
        r.flags = a->flags & VF_UNINIT;
        return r;
    }
    if (a->kind == V_INT && a->quarters == 0 && a->nconst > 0) {
        struct val r = val_top();
        r.kind = V_INT;
        r.flags = a->flags;
        for (int i = 0; i < a->nconst; i++)
            add_const(&r, val_norm32(op == U_NEG ? -a->c[i] : ~a->c[i], size, false), 0, loc);
        return r;
    }
    return val_unknown_int(Q_ALL, a->flags & (VF_UNINIT | VF_EXTERNAL), loc, 0);
}

static bool cmp_holds(enum ir_op op, int64_t x, int64_t k)
{
    int64_t out;
    return fold(op, x, k, &out) && out;
}

/* Which quarters can satisfy `x op k` for signed 32-bit x. */
static uint8_t quarters_for(enum ir_op op, int64_t k, bool is_signed)
{
    if (!is_signed || k != 0) {
        if (op == B_EQ)
            return quarter_of(k);
        if (op == B_NE && k == 0)
            return Q_ALL & ~Q_ZERO;
        return Q_ALL;
    }
    switch (op) {
    case B_EQ: return Q_ZERO;
    case B_NE: return Q_ALL & ~Q_ZERO;
    case B_LT: return Q_WARN | Q_ERR;
    case B_LE: return Q_WARN | Q_ERR | Q_ZERO;
    case B_GT: return Q_SUCC | Q_INFO;
    case B_GE: return Q_ZERO | Q_SUCC | Q_INFO;
    default: return Q_ALL;
    }
}

bool val_refine_cmp(struct val *v, enum ir_op op, int64_t k, bool is_signed)
{
    if (v->kind == V_PTR) {
        if (k != 0)
            return true;
        if (op == B_EQ) {
            if (!v->may_null)
                return false;
            *v = val_int(0, str_intern("NULL"), v->origin);
            return true;
        }
        if (op == B_NE) {
            v->may_null = false;
            return true;
        }
        return true;
    }
    if (v->kind != V_INT)
        return true;
    struct val r = *v;
    r.nconst = 0;
    for (int i = 0; i < v->nconst; i++) {
        int64_t x = is_signed ? (int64_t)(int32_t)v->c[i] : v->c[i];
        int64_t kk = is_signed ? (int64_t)(int32_t)k : k;
        if (cmp_holds(op, x, kk))
            add_const(&r, v->c[i], v->ctext[i], v->cloc[i]);
    }
    r.quarters = v->quarters & quarters_for(op, k, is_signed);
    if (op == B_EQ && r.quarters) {
        /* The unknown part equals k here: a constant now. */
        r.quarters = 0;
        add_const(&r, k, 0, v->origin);
    }
    if (r.nconst == 0 && r.quarters == 0 && !(r.flags & VF_UNINIT))
        return false;
    if (r.nconst == 0 && r.quarters == 0)
        r.quarters = 0;
    *v = r;
    return true;
}

bool val_refine_severity(struct val *v, int sev, bool equal)
{
    if (v->kind != V_INT)
        return true;
    static const uint8_t qmask[4] = {Q_ZERO | Q_SUCC, Q_INFO, Q_WARN, Q_ERR};
    uint8_t want = equal ? qmask[sev & 3] : (uint8_t)(Q_ALL & ~qmask[sev & 3]);
    struct val r = *v;
    r.nconst = 0;
    for (int i = 0; i < v->nconst; i++)
        if (quarter_of(v->c[i]) & want)
            add_const(&r, v->c[i], v->ctext[i], v->cloc[i]);
    r.quarters = v->quarters & want;
    if (r.nconst == 0 && r.quarters == 0 && !(r.flags & VF_UNINIT))
        return false;
    *v = r;
    return true;
}

bool val_refine_truth(struct val *v, bool nonzero)
{
    return val_refine_cmp(v, nonzero ? B_NE : B_EQ, 0, true);
}

bool val_definitely_failure(const struct val *v)
{
    if (v->kind != V_INT || (v->flags & VF_UNINIT) || (v->nconst == 0 && v->quarters == 0))
        return false;
    if (v->quarters & ~(Q_WARN | Q_ERR))
        return false;
    for (int i = 0; i < v->nconst; i++)
        if (!(quarter_of(v->c[i]) & (Q_WARN | Q_ERR)))
            return false;
    return true;
}
