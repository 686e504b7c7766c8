/* Printing the IR (--dump-ir), for debugging and the engine's tests. */
#include "ir.h"

#include <inttypes.h>

static const char *op_text(enum ir_op op)
{
    static const char *const t[] = {
        [OP_NONE] = "?", [U_NEG] = "-", [U_NOT] = "!", [U_BITNOT] = "~",
        [B_ADD] = "+", [B_SUB] = "-", [B_MUL] = "*", [B_DIV] = "/", [B_REM] = "%",
        [B_SHL] = "<<", [B_SHR] = ">>", [B_AND] = "&", [B_OR] = "|", [B_XOR] = "^",
        [B_EQ] = "==", [B_NE] = "!=", [B_LT] = "<", [B_LE] = "<=", [B_GT] = ">", [B_GE] = ">=",
    };
    return t[op];
}

void ir_print_expr(struct strbuf *out, const struct ir_func *f, const struct ir_expr *e)
{
    if (!e) {
        sb_puts(out, "<none>");
        return;
    }
    switch (e->kind) {
    case E_INT:
        if (e->text)
            sb_printf(out, "%s=%" PRId64, str_get(e->text), e->ival);
        else
            sb_printf(out, "%" PRId64, e->ival);
        break;
    case E_STRING: sb_puts(out, "\"...\""); break;
    case E_LOCAL:
        if (f && e->local < f->nlocals && f->locals[e->local].is_temp)
            sb_printf(out, "t%d", e->local);
        else
            sb_puts(out, f && e->local < f->nlocals ? str_get(f->locals[e->local].name) : "?");
        break;
    case E_GLOBAL: sb_printf(out, "@%s", str_get(e->text)); break;
    case E_FUNC: sb_printf(out, "&%s", str_get(e->text)); break;
    case E_FIELD:
        sb_putc(out, '(');
        ir_print_expr(out, f, e->sub[0]);
        sb_printf(out, ").%s", str_get(e->text));
        break;
    case E_INDEX:
        ir_print_expr(out, f, e->sub[0]);
        sb_putc(out, '[');
        ir_print_expr(out, f, e->sub[1]);
        sb_putc(out, ']');
        break;
    case E_DEREF: sb_putc(out, '*'); ir_print_expr(out, f, e->sub[0]); break;
    case E_ADDR: sb_putc(out, '&'); ir_print_expr(out, f, e->sub[0]); break;
    case E_UNARY:
        sb_puts(out, op_text(e->op));
        ir_print_expr(out, f, e->sub[0]);
        break;
    case E_BINARY:
        sb_putc(out, '(');
        ir_print_expr(out, f, e->sub[0]);
        sb_printf(out, " %s ", op_text(e->op));
        ir_print_expr(out, f, e->sub[1]);
        sb_putc(out, ')');
        break;
    case E_CAST:
        sb_printf(out, "(%s)", str_get(e->type.spelling));
        ir_print_expr(out, f, e->sub[0]);
        break;
    case E_CALL: {
        const struct ir_call *c = e->call;
        if (c->callee_name)
            sb_puts(out, str_get(c->callee_name));
        else
            ir_print_expr(out, f, c->callee);
        if (c->macro_name)
            sb_printf(out, "{%s}", str_get(c->macro_name));
        sb_putc(out, '(');
        for (int i = 0; i < c->nargs; i++) {
            if (i)
                sb_puts(out, ", ");
            ir_print_expr(out, f, c->args[i]);
        }
        sb_putc(out, ')');
        if (c->noreturn)
            sb_puts(out, " noreturn");
        break;
    }
    case E_UNKNOWN: sb_puts(out, "<?>"); break;
    }
}

void ir_print_func(struct strbuf *out, const struct ir_func *f)
{
    sb_printf(out, "function %s %s%s\n", str_get(f->name), str_get(f->canon_type),
              f->lowering_incomplete ? " (incomplete)" : "");
    for (int b = 0; b < f->nblocks; b++) {
        const struct ir_block *bl = &f->blocks[b];
        sb_printf(out, " B%d:\n", b);
        for (int i = 0; i < bl->nstmts; i++) {
            const struct ir_stmt *s = &bl->stmts[i];
            sb_printf(out, "  %u: ", s->loc.line);
            switch (s->kind) {
            case S_DECL: sb_printf(out, "decl %s", str_get(f->locals[s->local].name)); break;
            case S_ASSIGN:
                ir_print_expr(out, f, s->lhs);
                sb_puts(out, " = ");
                ir_print_expr(out, f, s->rhs);
                break;
            case S_CALL: ir_print_expr(out, f, s->rhs); break;
            case S_EVAL: sb_puts(out, "eval "); ir_print_expr(out, f, s->rhs); break;
            }
            sb_putc(out, '\n');
        }
        const struct ir_term *t = &bl->term;
        sb_printf(out, "  %u: ", t->loc.line);
        switch (t->kind) {
        case T_NONE: sb_puts(out, "<none>"); break;
        case T_GOTO: sb_printf(out, "goto B%d", t->succ[0]); break;
        case T_BRANCH:
            sb_puts(out, "if ");
            if (t->cond)
                ir_print_expr(out, f, t->cond);
            else
                sb_puts(out, "<any>");
            sb_printf(out, " then B%d else B%d", t->succ[0], t->succ[1]);
            break;
        case T_SWITCH:
            sb_puts(out, "switch ");
            ir_print_expr(out, f, t->cond);
            for (int i = 0; i < t->ncases; i++)
                sb_printf(out, " %" PRId64 "->B%d", t->cases[i], t->case_succ[i]);
            sb_printf(out, " default->B%d", t->succ[0]);
            break;
        case T_RETURN:
            sb_puts(out, t->implicit ? "fall off end" : "return ");
            if (t->cond)
                ir_print_expr(out, f, t->cond);
            break;
        case T_NORETURN: sb_puts(out, "noreturn"); break;
        }
        sb_putc(out, '\n');
    }
}

enum ir_op ir_op_negate(enum ir_op op)
{
    switch (op) {
    case B_EQ: return B_NE;
    case B_NE: return B_EQ;
    case B_LT: return B_GE;
    case B_GE: return B_LT;
    case B_LE: return B_GT;
    case B_GT: return B_LE;
    default: return op;
    }
}

enum ir_op ir_op_swap(enum ir_op op)
{
    switch (op) {
    case B_LT: return B_GT;
    case B_GT: return B_LT;
    case B_LE: return B_GE;
    case B_GE: return B_LE;
    default: return op;
    }
}
