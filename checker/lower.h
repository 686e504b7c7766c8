/* Lowering: libclang cursors -> IR (ir.h). Runs once per translation unit;
 * afterwards the translation unit can be disposed of. */
#ifndef DUMPCHECK_LOWER_H
#define DUMPCHECK_LOWER_H

#include "clang_api.h"
#include "ir.h"

struct lower_options {
    /* Routines the rule pack says never return (KeBugCheckEx...), besides
     * those declared noreturn. */
    bool (*is_noreturn_name)(str_id name, void *ud);
    void *ud;
    int max_depth;             /* statement/expression nesting bound */
};

/* Extract the facts of one parsed translation unit. Never fails: what is
 * not understood is marked (ir_func.lowering_incomplete). */
void lower_translation_unit(CXTranslationUnit tu, const struct lower_options *opts,
                            struct tu_facts *out);

#endif
