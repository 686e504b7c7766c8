/* clang's text format: file:line:col: severity: message [rule], the source
 * line with a caret, then the path's notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../driver.h"

struct source_cache {
    str_id file;
    char *text;
    size_t len;
};

static const char *source_line(struct source_cache *sc, const struct options *o, loc_t l, size_t *len)
{
    if (sc->file != l.file) {
        free(sc->text);
        sc->text = NULL;
        sc->file = l.file;
        for (int i = 0; i < o->nunsaved; i++)
            if (!strcmp(o->unsaved[i].path, str_get(l.file))) {
                sc->text = xstrndup(o->unsaved[i].contents, o->unsaved[i].len);
                sc->len = o->unsaved[i].len;
            }
        if (!sc->text)
            sc->text = read_file(str_get(l.file), &sc->len);
    }
    if (!sc->text)
        return NULL;
    const char *p = sc->text, *end = sc->text + sc->len;
    for (uint32_t line = 1; line < l.line && p < end; line++) {
        p = memchr(p, '\n', (size_t)(end - p));
        if (!p)
            return NULL;
        p++;
    }
    const char *e = memchr(p, '\n', (size_t)(end - p));
    *len = (size_t)((e ? e : end) - p);
    if (*len > 0 && p[*len - 1] == '\r')
        (*len)--;
    return p;
}

static bool use_color(FILE *out, const struct options *o)
{
    if (o->color >= 0)
        return o->color == 1;
    if (getenv("NO_COLOR"))
        return false;
    return isatty(fileno(out));
}

static void print_snippet(FILE *out, struct source_cache *sc, const struct options *o, loc_t l, bool color)
{
    size_t len;
    const char *line = source_line(sc, o, l, &len);
    if (!line)
        return;
    fprintf(out, "%5u | %.*s\n      | ", l.line, (int)len, line);
    for (uint32_t c = 1; c < l.col && c <= len; c++)
        fputc(line[c - 1] == '\t' ? '\t' : ' ', out);
    fprintf(out, "%s^%s\n", color ? "\033[1;32m" : "", color ? "\033[0m" : "");
}

static void print_head(FILE *out, loc_t l, const char *sev, const char *msg, const char *rule, bool color)
{
    const char *sc = !strcmp(sev, "error") ? "\033[1;31m" : !strcmp(sev, "warning") ? "\033[1;35m" : "\033[1;36m";
    if (color)
        fprintf(out, "\033[1m%s:%u:%u: %s%s:\033[0m\033[1m %s", str_get(l.file), l.line, l.col, sc, sev, msg);
    else
        fprintf(out, "%s:%u:%u: %s: %s", str_get(l.file), l.line, l.col, sev, msg);
    if (rule)
        fprintf(out, " [%s]", rule);
    fprintf(out, "%s\n", color ? "\033[0m" : "");
}

void report_text(FILE *out, const struct diag_list *l, const struct options *o)
{
    bool color = use_color(out, o);
    struct source_cache sc = {0};
    size_t shown = 0;
    for (size_t i = 0; i < l->n; i++) {
        const struct diag *d = &l->v[i];
        if (d->suppressed)
            continue;
        shown++;
        print_head(out, d->loc, severity_name(d->sev), d->msg, d->rule, color);
        print_snippet(out, &sc, o, d->loc, color);
        for (int k = 0; k < d->nnotes; k++)
            print_head(out, d->notes[k].loc, "note", d->notes[k].msg, NULL, color);
    }
    free(sc.text);
    (void)shown;
}
