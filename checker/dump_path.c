#include "dump_path.h"

#include <stdlib.h>

static void report(const struct model *m, int fi, const char *served, bool root, struct diag_list *problems)
{
    const struct ir_func *f = m->funcs[fi].def;
    loc_t where = loc_valid(f->incomplete_loc) ? f->incomplete_loc : f->loc;
    const char *what = f->incomplete_what ? str_get(f->incomplete_what) : "code the lowering cannot represent";
    diag_add(problems, NULL, SEV_ERROR, where, "cannot analyse '%s' (%s%s): it holds %s; not checked",
             str_get(m->funcs[fi].name), root ? "" : "called from ", served, what);
}

int dump_path_unanalysable(const struct model *m, struct diag_list *problems)
{
    if (m->nfuncs == 0)
        return 0;
    /* Breadth first from the roots, so that each function is reported once
     * with the first root that reaches it. */
    int *queue = xmalloc(sizeof(int) * (size_t)m->nfuncs);
    const char **served = xcalloc((size_t)m->nfuncs, sizeof *served);
    char **labels = xcalloc((size_t)m->nregs + 2, sizeof *labels);
    int nlabels = 0, head = 0, tail = 0;
    if (m->entry >= 0 && m->funcs[m->entry].def) {
        labels[nlabels] = xasprintf("the filter's entry point");
        served[m->entry] = labels[nlabels++];
        queue[tail++] = m->entry;
    }
    for (int r = 0; r < m->nregs; r++) {
        int fi = m->regs[r].func;
        if (fi < 0 || served[fi])
            continue;
        labels[nlabels] = xasprintf("the %s callback", role_display(m->regs[r].role));
        served[fi] = labels[nlabels++];
        queue[tail++] = fi;
    }
    int found = 0, nroots = tail;
    while (head < tail) {
        bool root = head < nroots;
        int fi = queue[head++];
        const struct mfunc *mf = &m->funcs[fi];
        if (mf->def && mf->def->lowering_incomplete) {
            report(m, fi, served[fi], root, problems);
            found++;
        }
        for (int k = 0; k < mf->ncallees; k++) {
            int c = mf->callees[k];
            if (c < 0 || c >= m->nfuncs || served[c] || !m->funcs[c].def)
                continue;
            served[c] = served[fi];
            queue[tail++] = c;
        }
    }
    for (int i = 0; i < nlabels; i++)
        free(labels[i]);
    free(labels);
    free(served);
    free(queue);
    return found;
}
