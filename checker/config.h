/* .dumpcheck.yaml: per-project configuration, found by walking up from each
 * source file like .clang-tidy, or named with --config-file. */
#ifndef DUMPCHECK_CONFIG_H
#define DUMPCHECK_CONFIG_H

#include <stdbool.h>
#include "report/diag.h"
#include "rulepack.h"

struct config_severity {
    char *rule;
    enum severity sev;
};

/* The `compile:` section: how the driver is compiled, shared by the command
 * line, the pre-commit hook, CI and the editor. Paths are absolute (read
 * relative to the configuration file's folder). */
struct config_list {
    char **v;
    int n;
};

struct config_compile {
    char *project;            /* .vcxproj, .sln or sources file, or NULL */
    char *configuration;      /* "Release|x64", or NULL */
    struct config_list sources;   /* globs of the files to check */
    struct config_list exclude;   /* globs of files left out */
    struct config_list add;       /* compiler arguments added */
    struct config_list remove;    /* globs of compiler arguments removed */
    struct config_list include;   /* include folders (-I) */
    struct config_list define;    /* NAME or NAME=VALUE (-D) */
    struct config_list force_include; /* files included first (-include) */
};

struct config {
    char *path;               /* the file it came from */
    char *dir;                /* its folder */
    bool has_compile;
    struct config_compile compile;
    char *checks;             /* "*,-dump-pool-tag-mismatch", NULL if not set */
    bool has_fail_on;
    enum severity fail_on;
    struct config_severity *severities;
    int nseverities;
    /* The `resources:` section, kept as YAML text to feed rulepack_add_yaml. */
    char *resources_yaml;
    size_t resources_len;
    int resources_line;       /* its first line in the file, for messages */
    char **external;          /* functions defined outside the analysed sources, by name */
    int nexternal;
};

/* Parse a configuration file. Unknown keys, wrong types and malformed YAML
 * are errors: returns -1 with *err = "path:line:col: message". */
int config_load(const char *path, struct config *out, char **err);
void config_free(struct config *c);
/* The rules a run applies, clang-tidy style: the file's `checks` (or "*"),
 * then the command line's globs on top. malloc'd. */
char *config_effective_checks(const char *cli_checks, const struct config *c /* NULL: none */);
/* The nearest .dumpcheck.yaml in the directory of `source` or above, or NULL (malloc'd). */
char *config_find_for(const char *source);

#endif
