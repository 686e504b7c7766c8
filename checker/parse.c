#include "parse.h"

#include "facts_io.h"
#include "pch.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
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

/* libclang says nothing about arguments clang rejects: on that (rare)
 * failure, ask the compiler itself and keep its error lines. */
static char *driver_complaints(const struct tu_spec *t)
{
#ifdef DUMPCHECK_CLANG_EXECUTABLE
    int fds[2];
    if (pipe(fds) != 0)
        return NULL;
    char **argv = xcalloc((size_t)t->nargs + 4, sizeof(char *));
    int n = 0;
    argv[n++] = (char *)DUMPCHECK_CLANG_EXECUTABLE;
    argv[n++] = (char *)"-fsyntax-only";
    for (int i = 0; i < t->nargs; i++)
        argv[n++] = t->args[i];
    argv[n++] = t->file;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    pid_t pid;
    extern char **environ;
    int rc = posix_spawn(&pid, DUMPCHECK_CLANG_EXECUTABLE, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    free(argv);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        return NULL;
    }
    struct strbuf out = {0};
    char buf[4096];
    ssize_t k;
    while ((k = read(fds[0], buf, sizeof buf - 1)) > 0 && out.n < 65536) {
        buf[k] = 0;
        sb_puts(&out, buf);
    }
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    /* Keep the "error: ..." lines. */
    struct strbuf errs = {0};
    for (char *line = out.s; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        char *e = strstr(line, "error: ");
        if (e) {
            sb_puts(&errs, errs.n ? "; " : "");
            sb_puts(&errs, e + 7);
        }
        line = nl ? nl + 1 : NULL;
    }
    free(out.s);
    return errs.n ? sb_take(&errs) : NULL;
#else
    (void)t;
    return NULL;
#endif
}

enum parse_outcome parse_and_lower(CXIndex index, const struct tu_spec *t, const struct options *o,
                                   const struct lower_options *lo, const struct parse_input *in,
                                   struct tu_facts *facts, struct diag_list *problems, struct parse_report *rep)
{
    static const struct parse_input plain;
    if (!in)
        in = &plain;
    memset(rep, 0, sizeof *rep);
    struct CXUnsavedFile *unsaved = xcalloc((size_t)o->nunsaved + 1, sizeof *unsaved);
    int nunsaved = 0;
    for (int i = 0; i < o->nunsaved; i++) {
        unsaved[nunsaved].Filename = o->unsaved[i].path;
        unsaved[nunsaved].Contents = o->unsaved[i].contents;
        unsaved[nunsaved].Length = (unsigned long)o->unsaved[i].len;
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
        char *why = driver_complaints(t);
        if (err == CXError_Crashed)
            diag_add(problems, NULL, SEV_ERROR, none,
                     "the parser crashed on '%s' (code nested too deeply for clang?); not checked", t->file);
        else if (why)
            diag_add(problems, NULL, SEV_ERROR, none, "the compiler arguments for '%s' are not valid: %s", t->file, why);
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
