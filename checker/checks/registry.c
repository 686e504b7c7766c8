/* The rule registry and --checks globs. */
#include "checks.h"

#include <string.h>

extern const struct check check_analysis_incomplete;
extern const struct check check_unload_status;
extern const struct check check_callback_status;
extern const struct check check_unload_status_unverified;
extern const struct check check_unload_leak;
extern const struct check check_release_mismatch;
extern const struct check check_double_release;
extern const struct check check_use_after_release;
extern const struct check check_pool_tag_mismatch;
extern const struct check check_callback_missing;
extern const struct check check_read_not_enabled;
extern const struct check check_callback_signature;

static const struct check *const all_checks[] = {
    &check_analysis_incomplete,
    &check_callback_missing,
    &check_callback_signature,
    &check_callback_status,
    &check_double_release,
    &check_pool_tag_mismatch,
    &check_read_not_enabled,
    &check_release_mismatch,
    &check_unload_leak,
    &check_unload_status,
    &check_unload_status_unverified,
    &check_use_after_release,
};

const struct check *const *checks_all(size_t *count)
{
    *count = sizeof all_checks / sizeof all_checks[0];
    return all_checks;
}

const struct check *checks_find(const char *id)
{
    for (size_t i = 0; i < sizeof all_checks / sizeof all_checks[0]; i++)
        if (!strcmp(all_checks[i]->id, id))
            return all_checks[i];
    return NULL;
}

/* '*' matches any run of characters. */
static bool glob_match(const char *g, size_t glen, const char *s)
{
    if (glen == 0)
        return *s == 0;
    if (*g == '*') {
        for (const char *t = s;; t++) {
            if (glob_match(g + 1, glen - 1, t))
                return true;
            if (!*t)
                return false;
        }
    }
    return *s && *g == *s && glob_match(g + 1, glen - 1, s + 1);
}

static const char *next_glob(const char *p, const char **start, size_t *len, bool *negative)
{
    while (*p == ',' || *p == ' ' || *p == '\n' || *p == '\t')
        p++;
    if (!*p)
        return NULL;
    *negative = *p == '-';
    if (*negative)
        p++;
    *start = p;
    while (*p && *p != ',' && *p != ' ' && *p != '\n' && *p != '\t')
        p++;
    *len = (size_t)(p - *start);
    return p;
}

bool checks_glob_enabled(const char *globs, const char *id)
{
    bool on = false;
    const char *p = globs, *g;
    size_t len;
    bool neg;
    while ((p = next_glob(p, &g, &len, &neg)) != NULL)
        if (glob_match(g, len, id))
            on = !neg;
    return on;
}

bool checks_glob_valid(const char *globs, const char **bad)
{
    static char badbuf[128];
    const char *p = globs, *g;
    size_t len;
    bool neg;
    while ((p = next_glob(p, &g, &len, &neg)) != NULL) {
        bool any = false;
        for (size_t i = 0; i < sizeof all_checks / sizeof all_checks[0]; i++)
            if (glob_match(g, len, all_checks[i]->id))
                any = true;
        /* clang-tidy's own families may appear in shared configs: accept them. */
        if (!any && len >= 6 && !strncmp(g, "clang-", 6))
            any = true;
        if (!any) {
            size_t n = len < sizeof badbuf - 1 ? len : sizeof badbuf - 1;
            memcpy(badbuf, g, n);
            badbuf[n] = 0;
            *bad = badbuf;
            return false;
        }
    }
    return true;
}

int checks_enabled_count(const char *globs)
{
    int n = 0;
    for (size_t i = 0; i < sizeof all_checks / sizeof all_checks[0]; i++)
        n += checks_glob_enabled(globs, all_checks[i]->id);
    return n;
}
