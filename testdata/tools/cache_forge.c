/* A test tool: forged cache contents (valid encoding, valid checksum,
 * facts that break what the analyses rely on), for the tests that check
 * they are refused.
 *
 *   cache_forge decoder         encodes forged facts and reports whether
 *                               the decoder accepts each
 *   cache_forge pch-facts DIR   replaces the facts of every shared header
 *                               kept in DIR with bytes that do not decode,
 *                               their checksums recomputed
 *   cache_forge seeds DIR [ENTRY...]
 *                               writes the forged encodings, and the facts of
 *                               each cache ENTRY file, to DIR (the facts
 *                               decoder's fuzzing corpus) */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "facts_io.h"
#include "util/util.h"

enum forgery { VALID, LOCAL_OUT_OF_RANGE, NEGATIVE_LOCAL, ASSIGN_WITHOUT_LHS, CALL_WITHOUT_CALL, BINARY_WITHOUT_OPERAND,
               DECL_OUT_OF_RANGE, NO_BLOCKS, SWITCH_WITHOUT_CONDITION, GLOBAL_INIT_NAMES_LOCAL, NFORGERIES };

static const char *const names[] = {"valid facts", "a local index beyond the function's locals", "a negative local index",
                                    "an assignment without its left-hand side", "a call statement without a call",
                                    "a binary expression without its right operand",
                                    "a declaration of a local the function does not have", "a function without blocks",
                                    "a switch without its condition", "a global's initializer naming a local"};

/* One function `f(int p)` of one block: `p = p + 1; return p;`, damaged
 * as `kind` says. */
static void build(enum forgery kind, struct tu_facts *tu)
{
    memset(tu, 0, sizeof *tu);
    struct arena *A = &tu->arena;
    tu->main_file = str_intern("forged.c");
    struct ir_func *f = arena_alloc(A, sizeof *f);
    f->usr = str_intern("c:@F@f");
    f->name = str_intern("f");
    f->ret.cls = TY_INT;
    f->nparams = 1;
    f->nlocals = 1;
    f->locals = arena_alloc(A, sizeof *f->locals);
    f->locals[0].name = str_intern("p");
    f->locals[0].type.cls = TY_INT;
    f->locals[0].is_param = true;
    struct ir_expr *p = arena_alloc(A, sizeof *p);
    p->kind = E_LOCAL;
    p->type.cls = TY_INT;
    p->local = kind == LOCAL_OUT_OF_RANGE ? 1 << 20 : kind == NEGATIVE_LOCAL ? -3 : 0;
    struct ir_expr *one = arena_alloc(A, sizeof *one);
    one->kind = E_INT;
    one->ival = 1;
    struct ir_expr *sum = arena_alloc(A, sizeof *sum);
    sum->kind = E_BINARY;
    sum->op = B_ADD;
    sum->sub[0] = p;
    sum->sub[1] = kind == BINARY_WITHOUT_OPERAND ? NULL : one;
    f->nblocks = kind == NO_BLOCKS ? 0 : 1;
    f->blocks = arena_alloc(A, sizeof *f->blocks);
    struct ir_block *b = &f->blocks[0];
    b->nstmts = b->cap = 2;
    b->stmts = arena_alloc(A, 2 * sizeof *b->stmts);
    b->stmts[0].kind = kind == CALL_WITHOUT_CALL ? S_CALL : S_ASSIGN;
    b->stmts[0].lhs = kind == ASSIGN_WITHOUT_LHS ? NULL : p;
    b->stmts[0].rhs = sum;
    b->stmts[1].kind = S_DECL;
    b->stmts[1].local = kind == DECL_OUT_OF_RANGE ? 7 : 0;
    b->term.kind = kind == SWITCH_WITHOUT_CONDITION ? T_SWITCH : T_RETURN;
    b->term.cond = kind == SWITCH_WITHOUT_CONDITION ? NULL : p;
    tu->nfuncs = 1;
    tu->funcs = arena_alloc(A, sizeof *tu->funcs);
    tu->funcs[0] = f;
    if (kind == GLOBAL_INIT_NAMES_LOCAL) {
        struct ir_global *g = arena_alloc(A, sizeof *g);
        g->usr = str_intern("c:@g");
        g->name = str_intern("g");
        g->type.cls = TY_INT;
        g->has_definition = true;
        struct ir_expr *ge = arena_alloc(A, sizeof *ge);
        ge->kind = E_GLOBAL;
        ge->usr = g->usr;
        ge->text = g->name;
        g->ninit = 1;
        g->init = arena_alloc(A, sizeof *g->init);
        g->init[0].kind = S_ASSIGN;
        g->init[0].lhs = ge;
        g->init[0].rhs = p;
        tu->nglobals = 1;
        tu->globals = arena_alloc(A, sizeof *tu->globals);
        tu->globals[0] = g;
    }
}

static int decoder(void)
{
    int wrong = 0;
    for (int k = 0; k < NFORGERIES; k++) {
        struct tu_facts tu, back;
        build((enum forgery)k, &tu);
        struct bytebuf enc = {0};
        facts_serialize(&tu, &enc);
        bool accepted = facts_deserialize(enc.p, enc.n, &back) == 0;
        if (accepted)
            tu_facts_free(&back);
        printf("%s: %s\n", names[k], accepted ? "accepted" : "refused");
        wrong += accepted != (k == VALID);
        free(enc.p);
        arena_free(&tu.arena);
    }
    return wrong ? 1 : 0;
}

static int pch_facts(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 2;
    static const unsigned char junk[] = {3, 1, 'x', 1, 'y', 1, 'z', 0x7f, 0x7f, 0x7f};
    int forged = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".deps") != 0)
            continue;
        char *deps_path = xasprintf("%s/%s", dir, e->d_name);
        char *facts_path = xasprintf("%s/%.*s.facts", dir, (int)(n - 5), e->d_name);
        size_t len;
        char *deps = read_file(deps_path, &len);
        char *nl = deps ? strchr(deps, '\n') : NULL;
        if (nl) {
            char *out = xasprintf("%016llx facts\n%s", (unsigned long long)content_hash(junk, sizeof junk, 0), nl + 1);
            if (write_file_atomically(facts_path, junk, sizeof junk) && write_file_atomically(deps_path, out, strlen(out)))
                forged++;
            free(out);
        }
        free(deps);
        free(deps_path);
        free(facts_path);
    }
    closedir(d);
    printf("%d shared header%s forged\n", forged, forged == 1 ? "" : "s");
    return forged ? 0 : 1;
}

static void write_seed(const char *dir, const char *name, const void *p, size_t n)
{
    char *path = xasprintf("%s/%s", dir, name);
    if (!write_file_atomically(path, p, n))
        fprintf(stderr, "cannot write %s\n", path);
    free(path);
}

static int seeds(const char *dir, char **entries, int nentries)
{
    for (int k = 0; k < NFORGERIES; k++) {
        struct tu_facts tu;
        build((enum forgery)k, &tu);
        struct bytebuf enc = {0};
        facts_serialize(&tu, &enc);
        char *name = xasprintf("forged-%02d", k);
        write_seed(dir, name, enc.p, enc.n);
        free(name);
        free(enc.p);
        arena_free(&tu.arena);
    }
    /* An entry: a header of 40 bytes, then the number of system header
     * errors, the first one, the header set and shared block ids, then the
     * facts. */
    for (int i = 0; i < nentries; i++) {
        size_t len;
        unsigned char *data = (unsigned char *)read_file(entries[i], &len);
        if (!data || len < 40)
            continue;
        struct bytereader r = {data + 40, len - 40, 0, false};
        size_t n;
        (void)br_uvar(&r);
        (void)br_str(&r, &n);
        (void)br_u64(&r);
        (void)br_u64(&r);
        if (!r.bad) {
            char *name = xasprintf("entry-%02d", i);
            write_seed(dir, name, r.p + r.pos, r.n - r.pos);
            free(name);
        }
        free(data);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "seeds"))
        return seeds(argv[2], argv + 3, argc - 3);
    if (argc == 2 && !strcmp(argv[1], "decoder"))
        return decoder();
    if (argc == 3 && !strcmp(argv[1], "pch-facts"))
        return pch_facts(argv[2]);
    fprintf(stderr, "usage: cache_forge decoder | pch-facts DIR\n");
    return 2;
}
