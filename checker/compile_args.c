#include "compile_args.h"

#include <stdlib.h>
#include <string.h>

void strlist_push_take(struct strlist *l, char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = xrealloc(l->v, (size_t)l->cap * sizeof(char *));
    }
    l->v[l->n++] = s;
}

void strlist_push(struct strlist *l, const char *s)
{
    strlist_push_take(l, xstrdup(s));
}

bool strlist_has(const struct strlist *l, const char *s)
{
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->v[i], s))
            return true;
    return false;
}

void strlist_free(struct strlist *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

void split_command_line(const char *text, size_t len, bool comments, struct strlist *out)
{
    struct strbuf word = {0};
    size_t i = 0;
    while (i < len) {
        while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' ||
                           text[i] == '\v' || text[i] == '\f'))
            i++;
        if (i >= len)
            break;
        if (comments && text[i] == '#') {
            while (i < len && text[i] != '\n')
                i++;
            continue;
        }
        bool any = false;
        while (i < len && !(text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' ||
                             text[i] == '\v' || text[i] == '\f')) {
            char c = text[i++];
            any = true;
            if (c == '\\') {
                /* A backslash before a newline joins lines; else it quotes. */
                if (i < len && text[i] == '\n') {
                    i++;
                    continue;
                }
                if (i < len)
                    sb_putc(&word, text[i++]);
            } else if (c == '\'') {
                while (i < len && text[i] != '\'')
                    sb_putc(&word, text[i++]);
                if (i < len)
                    i++;
            } else if (c == '"') {
                while (i < len && text[i] != '"') {
                    if (text[i] == '\\' && i + 1 < len &&
                        (text[i + 1] == '"' || text[i + 1] == '\\' || text[i + 1] == '$' || text[i + 1] == '`')) {
                        sb_putc(&word, text[i + 1]);
                        i += 2;
                        continue;
                    }
                    sb_putc(&word, text[i++]);
                }
                if (i < len)
                    i++;
            } else if (c != 0) {
                sb_putc(&word, c);
            }
        }
        if (any)
            strlist_push_take(out, sb_take(&word));
    }
    free(word.s);
}

/* ---- the allow-list ---- */

/* Options that take a value, joined (-Ifoo, -std=c11) or as the next
 * argument (-I foo), and that parsing needs. */
static const char *const kept_with_value[] = {
    "-isystem-after", "-isystem", "-idirafter", "-iquote", "-imacros", "-isysroot", "-iwithprefixbefore",
    "-iwithprefix", "-iprefix", "-cxx-isystem", "-include", "-I", "-D", "-U", "-x", "-target", "--sysroot",
    "-resource-dir",
};

/* Options that take the next argument as their value and are dropped
 * with it (the value must not be read as an option or an input). */
static const char *const dropped_with_value[] = {
    "-o", "-MF", "-MT", "-MQ", "-MJ", "-Xclang", "-Xpreprocessor", "-Xassembler", "-Xlinker", "-Xanalyzer",
    "-Xopenmp-target", "-Xcuda-ptxas", "-Xcuda-fatbinary", "-mllvm", "--serialize-diagnostics",
    "-serialize-diagnostics", "-ivfsoverlay", "-include-pch", "-arch", "-dependency-file", "-dependency-dot",
    "-module-dependency-dir", "-main-file-name", "-z", "-T", "-u", "-e", "-L", "-F", "-framework",
    "-working-directory", "--driver-mode", "-ccc-install-dir", "-ccc-gcc-name", "-fmodule-file", "-B",
    "--prefix", "-gcc-toolchain", "--gcc-toolchain", "--output", "-install_name", "-Xarch_device", "-Xarch_host",
};

/* -f options that change what the parser accepts or how it reads types
 * (exact spellings; a trailing '=' or '*' matches any value). */
static const char *const kept_f_options[] = {
    "-fms-extensions", "-fno-ms-extensions", "-fms-compatibility", "-fno-ms-compatibility",
    "-fms-compatibility-version=*", "-fmsc-version=*", "-fdeclspec", "-fno-declspec", "-fms-volatile",
    "-fno-ms-volatile", "-fborland-extensions", "-fasm-blocks", "-fno-asm-blocks", "-fdelayed-template-parsing",
    "-fno-delayed-template-parsing", "-fno-builtin", "-fno-builtin-*", "-fbuiltin", "-ffreestanding",
    "-fshort-wchar", "-fno-short-wchar", "-fshort-enums", "-fno-short-enums", "-fsigned-char",
    "-fno-signed-char", "-funsigned-char", "-fno-unsigned-char", "-fwchar-type=*", "-fsigned-wchar",
    "-fno-signed-wchar", "-fchar8_t", "-fno-char8_t", "-fexceptions", "-fno-exceptions", "-fcxx-exceptions",
    "-fno-cxx-exceptions", "-fasync-exceptions", "-fno-async-exceptions", "-frtti", "-fno-rtti",
    "-fgnu-keywords", "-fno-gnu-keywords", "-fgnu89-inline", "-fno-gnu89-inline", "-fdollars-in-identifiers",
    "-fno-dollars-in-identifiers", "-ftrigraphs", "-fno-trigraphs", "-fblocks", "-fno-blocks",
    "-fwritable-strings", "-fno-operator-names", "-fsized-deallocation", "-fno-sized-deallocation",
    "-faligned-allocation", "-fno-aligned-allocation", "-fcommon", "-fno-common", "-fwrapv", "-fno-wrapv",
    "-fthreadsafe-statics", "-fno-threadsafe-statics", "-fno-access-control", "-fpack-struct",
    "-fpack-struct=*", "-fmax-type-align=*", "-fdefault-calling-conv=*", "-fgnuc-version=*",
    "-finput-charset=*", "-fexec-charset=*", "-fbracket-depth=*", "-ftemplate-depth=*",
    "-fconstexpr-depth=*", "-fconstexpr-steps=*", "-ferror-limit=*", "-fmacro-backtrace-limit=*",
    "-ftemplate-backtrace-limit=*", "-fno-spell-checking", "-fvisibility-ms-compat", "-fno-elide-type",
    "-fcoroutines-ts", "-fno-coroutines-ts", "-fgnu-inline-asm", "-fno-gnu-inline-asm", "-fchar8_t",
    "-fno-signed-zeros", "-ffinite-math-only", "-fno-finite-math-only", "-ffast-math", "-fno-fast-math",
};

/* Flags without a value that parsing needs. */
static const char *const kept_flags[] = {
    "-ansi", "-pedantic", "-pedantic-errors", "-w", "-nostdinc", "-nostdinc++", "-nostdlibinc",
    "-nobuiltininc", "-undef", "-trigraphs", "-fsyntax-only",
};

/* Output and code generation options that every build has: dropped
 * without a word (the note lists what a reader should know of). */
static bool quietly_dropped(const char *a)
{
    static const char *const exact[] = {"-c", "-MD", "-MMD", "-MP", "-MG", "-M", "-MM", "-pipe", "-fPIC",
                                        "-fpic", "-fPIE", "-fpie", "-fno-PIC", "-fno-pic", "-fno-PIE",
                                        "-fno-pie", "-fcolor-diagnostics", "-fno-color-diagnostics", "--",
                                        "-fomit-frame-pointer", "-fno-omit-frame-pointer", "-ffunction-sections",
                                        "-fdata-sections", "-fno-strict-aliasing", "-fstrict-aliasing"};
    for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
        if (!strcmp(a, exact[i]))
            return true;
    return !strncmp(a, "-g", 2) || !strncmp(a, "-O", 2) || !strncmp(a, "-fdiagnostics-color", 19) ||
           !strncmp(a, "-fstack-protector", 17) || !strncmp(a, "-fvisibility=", 13);
}

static bool pattern_matches(const char *pat, const char *a)
{
    size_t n = strlen(pat);
    if (n > 0 && pat[n - 1] == '*')
        return !strncmp(a, pat, n - 1);
    return !strcmp(a, pat);
}

/* Is `a` an option of the table, and does it take the next argument? */
static const char *value_option(const char *const *table, size_t n, const char *a, bool *separate)
{
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(table[i]);
        if (strncmp(a, table[i], l) != 0)
            continue;
        if (a[l] == 0) {
            *separate = true;
            return table[i];
        }
        /* Joined: -Ifoo, --sysroot=DIR, -isystemDIR; but -include-pch is
         * an option of its own, not -include with "-pch". */
        if (a[l] == '=' || l == 2 || (table[i][1] != '-' && a[l] != '-')) {
            *separate = false;
            return table[i];
        }
    }
    return NULL;
}

static bool kept_flag(const char *a)
{
    for (size_t i = 0; i < sizeof kept_flags / sizeof kept_flags[0]; i++)
        if (!strcmp(a, kept_flags[i]))
            return true;
    if (!strncmp(a, "-std=", 5) || !strncmp(a, "--std=", 6) || !strncmp(a, "-stdlib=", 8) ||
        !strncmp(a, "--target=", 9))
        return true;
    /* Warnings, but not -Wp, -Wa, -Wl (arguments handed to other tools). */
    if (a[0] == '-' && a[1] == 'W' && !strchr(a, ','))
        return true;
    /* Target options, but not -mllvm (LLVM's own options, which can write
     * files) nor -module-* actions. */
    if (a[0] == '-' && a[1] == 'm' && a[2] && strncmp(a, "-mllvm", 6) != 0 && strncmp(a, "-module", 7) != 0)
        return true;
    if (a[0] == '-' && a[1] == 'f')
        for (size_t i = 0; i < sizeof kept_f_options / sizeof kept_f_options[0]; i++)
            if (pattern_matches(kept_f_options[i], a))
                return true;
    return false;
}

static void note_dropped(struct strlist *dropped, const char *a, const char *value)
{
    char *s = value ? xasprintf("%s %s", a, value) : xstrdup(a);
    if (strlist_has(dropped, s))
        free(s);
    else
        strlist_push_take(dropped, s);
}

enum { MAX_NESTING = 8, ARGS_FILE_MAX = 1 << 20 };

static void filter(char *const *argv, int argc, const char *dir, int depth, struct strlist *kept,
                   struct strlist *dropped);

/* @FILE or --config FILE: its arguments, filtered as if written in place. */
static void expand_file(const char *spelling, const char *name, bool config, const char *dir, int depth,
                        struct strlist *kept, struct strlist *dropped)
{
    char *path = name[0] == '/' || !dir ? xstrdup(name) : xasprintf("%s/%s", dir, name);
    const char *why = NULL;
    size_t len = 0;
    char *text = depth >= MAX_NESTING ? NULL : read_regular_file(path, ARGS_FILE_MAX, &len, &why);
    if (!text) {
        char *what = xasprintf("%s (%s)", spelling, depth >= MAX_NESTING ? "nested too deeply" : why);
        note_dropped(dropped, what, NULL);
        free(what);
        free(path);
        return;
    }
    struct strlist words = {0};
    if (memchr(text, 0, len))
        note_dropped(dropped, spelling, "(binary data)");
    else
        split_command_line(text, len, config, &words);
    free(text);
    char *sub = path_dir(path);
    filter(words.v, words.n, sub, depth + 1, kept, dropped);
    free(sub);
    strlist_free(&words);
    free(path);
}

static void filter(char *const *argv, int argc, const char *dir, int depth, struct strlist *kept,
                   struct strlist *dropped)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        bool separate = false;
        if (a[0] == '@' && a[1]) {
            expand_file(a, a + 1, false, dir, depth, kept, dropped);
            continue;
        }
        if (!strcmp(a, "--config") || !strncmp(a, "--config=", 9)) {
            const char *name = a[8] == '=' ? a + 9 : next;
            if (a[8] != '=')
                i++;
            if (!name) {
                note_dropped(dropped, a, NULL);
                continue;
            }
            char *spelling = xasprintf("--config %s", name);
            expand_file(spelling, name, true, dir, depth, kept, dropped);
            free(spelling);
            continue;
        }
        if (value_option(kept_with_value, sizeof kept_with_value / sizeof kept_with_value[0], a, &separate)) {
            if (separate && !next) {
                note_dropped(dropped, a, NULL);
                continue;
            }
            strlist_push(kept, a);
            if (separate)
                strlist_push(kept, argv[++i]);
            continue;
        }
        /* -o FILE and the dependency-file options: output, dropped quietly. */
        bool quiet_value = !strcmp(a, "-o") || !strcmp(a, "-MF") || !strcmp(a, "-MT") || !strcmp(a, "-MQ");
        if (quiet_value) {
            i++;
            continue;
        }
        if (!strncmp(a, "-Xarch_", 7) ||
            (value_option(dropped_with_value, sizeof dropped_with_value / sizeof dropped_with_value[0], a,
                          &separate) &&
             separate)) {
            note_dropped(dropped, a, next);
            if (next)
                i++;
            continue;
        }
        if (kept_flag(a)) {
            strlist_push(kept, a);
            continue;
        }
        if (quietly_dropped(a) || (!strncmp(a, "-o", 2) && a[2]) || !strncmp(a, "-MF", 3) ||
            !strncmp(a, "-MT", 3) || !strncmp(a, "-MQ", 3))
            continue;
        note_dropped(dropped, a, NULL);
    }
}

void compile_args_filter(char *const *argv, int argc, const char *dir, struct strlist *kept, struct strlist *dropped)
{
    filter(argv, argc, dir, 0, kept, dropped);
}
