#include "parse.h"

#include "facts_io.h"
#include "pch.h"

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

/* Any error at all, in the checked files or in system headers. */
static bool any_error(CXTranslationUnit tu)
{
    unsigned n = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        bool err = clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error;
        clang_disposeDiagnostic(d);
        if (err)
            return true;
    }
    return false;
}

/* libclang says nothing about arguments clang rejects. On that (rare)
 * failure, find the first one in process: parse an empty buffer with ever
 * longer prefixes of the arguments (no program is run, and the arguments
 * are the filtered ones). A prefix that ends with an option missing its
 * value fails too: it counts only when the next one fails as well. */
static char *rejected_argument(CXIndex index, const struct tu_spec *t)
{
    int nargs;
    const char **args = tu_spec_args(t, true, 0, 0, &nargs);
    struct CXUnsavedFile empty = {t->file, "", 0};
    char *culprit = NULL;
    int fails_from = -1;
    for (int k = 1; k <= nargs && !culprit; k++) {
        CXTranslationUnit tu = NULL;
        enum CXErrorCode err = clang_parseTranslationUnit2(index, t->file, args, k, &empty, 1, 0, &tu);
        if (tu)
            clang_disposeTranslationUnit(tu);
        bool fails = err != CXError_Success || !tu;
        if (!fails)
            fails_from = -1;
        else if (fails_from < 0)
            fails_from = k;
        else
            culprit = xstrdup(args[fails_from - 1]);
        if (fails && k == nargs && !culprit)
            culprit = xstrdup(args[fails_from - 1]);
    }
    free(args);
    return culprit;
}

enum parse_outcome parse_and_lower(CXIndex index, const struct tu_spec *t, const struct options *o,
                                   const struct lower_options *lo, const struct parse_input *in,
                                   struct tu_facts *facts, struct diag_list *problems, struct parse_report *rep)
{
    static const struct parse_input plain;
    if (!in)
        in = &plain;
    memset(rep, 0, sizeof *rep);
    struct CXUnsavedFile *unsaved = xcalloc((size_t)o->nunsaved + 2, sizeof *unsaved);
    int nunsaved = 0;
    bool main_unsaved = false;
    for (int i = 0; i < o->nunsaved; i++) {
        unsaved[nunsaved].Filename = o->unsaved[i].path;
        unsaved[nunsaved].Contents = o->unsaved[i].contents;
        unsaved[nunsaved].Length = (unsigned long)o->unsaved[i].len;
        main_unsaved |= !strcmp(o->unsaved[i].path, t->file);
        nunsaved++;
    }
    /* The text the cache key was computed from, not the file as it is now:
     * an edit saved while the run parses must not file one text's facts
     * under the other's key. */
    if (!main_unsaved && t->text) {
        unsaved[nunsaved].Filename = t->file;
        unsaved[nunsaved].Contents = t->text;
        unsaved[nunsaved].Length = (unsigned long)t->len;
        nunsaved++;
    }
    int nargs;
    const char **args = tu_spec_args(t, in->exact_case, 0, 2, &nargs);
    if (in->pch) {
        args[nargs++] = "-include-pch";
        args[nargs++] = in->pch;
    }
    CXTranslationUnit tu = NULL;
    unsigned flags = CXTranslationUnit_KeepGoing;
    enum CXErrorCode err = clang_parseTranslationUnit2(index, t->file, args, nargs, unsaved,
                                                       (unsigned)nunsaved, flags, &tu);
    free(unsaved);
    free(args);
    if (in->strict && (err != CXError_Success || !tu || any_error(tu))) {
        if (tu)
            clang_disposeTranslationUnit(tu);
        rep->outcome = PARSE_RETRY;
        return PARSE_RETRY;
    }
    if (err != CXError_Success || !tu) {
        loc_t none = {str_intern(t->file), 0, 0};
        char *why = err == CXError_Crashed ? NULL : rejected_argument(index, t);
        if (err == CXError_Crashed)
            diag_add(problems, NULL, SEV_ERROR, none,
                     "the parser crashed on '%s' (code nested too deeply for clang?); not checked", t->file);
        else if (why)
            diag_add(problems, NULL, SEV_ERROR, none, "the compiler arguments for '%s' are not valid: clang rejects '%s'",
                     t->file, why);
        else
            diag_add(problems, NULL, SEV_ERROR, none, "libclang could not parse '%s' (error %d)", t->file, (int)err);
        free(why);
        rep->outcome = PARSE_FAILED;
        return PARSE_FAILED;
    }
    if (collect_diagnostics(tu, problems, rep)) {
        clang_disposeTranslationUnit(tu);
        rep->outcome = PARSE_ERRORS;
        return PARSE_ERRORS;
    }
    lower_translation_unit(tu, lo, facts);
    if (in->prefix)
        facts_attach_prefix(facts, in->prefix);
    if (in->want_includes)
        pch_collect_inclusions(tu, &rep->includes, &rep->nincludes);
    clang_disposeTranslationUnit(tu);
    rep->outcome = PARSE_OK;
    return PARSE_OK;
}

void parse_report_free(struct parse_report *rep)
{
    free(rep->first_system_error);
    for (int i = 0; i < rep->nincludes; i++)
        free(rep->includes[i]);
    free(rep->includes);
    memset(rep, 0, sizeof *rep);
}
