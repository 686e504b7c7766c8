#include "parse.h"

#include <stdlib.h>
#include <string.h>

static loc_t diag_loc(CXDiagnostic d)
{
    CXSourceLocation sl = clang_getDiagnosticLocation(d);
    CXFile file;
    unsigned line, col;
    clang_getExpansionLocation(sl, &file, &line, &col, NULL);
    loc_t l = {0, line, col};
    if (file) {
        CXString fn = clang_getFileName(file);
        l.file = str_intern(clang_getCString(fn));
        clang_disposeString(fn);
    }
    return l;
}

/* Sorts the TU's diagnostics: errors in the checked files stop the check;
 * errors confined to system headers are counted and reported once. */
static bool collect_diagnostics(CXTranslationUnit tu, struct diag_list *problems, struct parse_report *rep)
{
    bool user_errors = false;
    unsigned n = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
        if (sev < CXDiagnostic_Error) {
            clang_disposeDiagnostic(d);
            continue;
        }
        CXSourceLocation sl = clang_getDiagnosticLocation(d);
        CXString msg = clang_getDiagnosticSpelling(d);
        loc_t l = diag_loc(d);
        if (clang_Location_isInSystemHeader(sl)) {
            if (rep->system_header_errors++ == 0)
                rep->first_system_error = xasprintf("%s:%u:%u: %s", str_get(l.file), l.line, l.col,
                                                    clang_getCString(msg));
        } else {
            user_errors = true;
            diag_add(problems, NULL, sev == CXDiagnostic_Fatal ? SEV_ERROR : SEV_ERROR, l, "%s",
                     clang_getCString(msg));
        }
        clang_disposeString(msg);
        clang_disposeDiagnostic(d);
    }
    return user_errors;
}

enum parse_outcome parse_and_lower(CXIndex index, const struct tu_spec *t, const struct options *o,
                                   const struct lower_options *lo, struct tu_facts *facts,
                                   struct diag_list *problems, struct parse_report *rep)
{
    memset(rep, 0, sizeof *rep);
    struct CXUnsavedFile *unsaved = NULL;
    int nunsaved = 0;
    if (o->nunsaved > 0) {
        unsaved = xcalloc((size_t)o->nunsaved, sizeof *unsaved);
        for (int i = 0; i < o->nunsaved; i++) {
            unsaved[i].Filename = o->unsaved[i].path;
            unsaved[i].Contents = o->unsaved[i].contents;
            unsaved[i].Length = (unsigned long)o->unsaved[i].len;
        }
        nunsaved = o->nunsaved;
    }
    CXTranslationUnit tu = NULL;
    unsigned flags = CXTranslationUnit_KeepGoing;
    enum CXErrorCode err = clang_parseTranslationUnit2(index, t->file, (const char *const *)t->args, t->nargs,
                                                       unsaved, (unsigned)nunsaved, flags, &tu);
    free(unsaved);
    if (err != CXError_Success || !tu) {
        loc_t none = {str_intern(t->file), 0, 0};
        diag_add(problems, NULL, SEV_ERROR, none, "libclang could not parse '%s' (error %d)", t->file, (int)err);
        rep->outcome = PARSE_FAILED;
        return PARSE_FAILED;
    }
    if (collect_diagnostics(tu, problems, rep)) {
        clang_disposeTranslationUnit(tu);
        rep->outcome = PARSE_ERRORS;
        return PARSE_ERRORS;
    }
    lower_translation_unit(tu, lo, facts);
    clang_disposeTranslationUnit(tu);
    rep->outcome = PARSE_OK;
    return PARSE_OK;
}
