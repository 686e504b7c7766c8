/* What a run of dumpcheck was asked to do (filled by the command line, the
 * language server, or tests). */
#ifndef DUMPCHECK_OPTIONS_H
#define DUMPCHECK_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include "report/diag.h"

enum output_format { FMT_TEXT, FMT_JSON, FMT_SARIF };

/* Editor buffers that differ from the files on disk. */
struct unsaved_file {
    const char *path;
    const char *contents;
    size_t len;
};

struct options {
    const char **files;
    int nfiles;
    const char **extra_args;        /* after `--` */
    int nextra_args;
    const char *build_dir;          /* -p */
    const char *project;            /* --project: .vcxproj, .sln or WDK sources file */
    const char *configuration;      /* --configuration: "Release|x64" */
    bool dump_config;               /* --dump-config */
    enum output_format format;
    const char *output;             /* -o */
    const char *checks;             /* --checks globs */
    const char *config_file;        /* --config-file */
    bool has_fail_on;
    enum severity fail_on;          /* default SEV_WARNING */
    int jobs;                       /* -j; 0 = number of cores */
    bool quiet;                     /* no summary line */
    bool summary;                   /* --summary: the whole account of what was proved */
    bool pre_commit;                /* --pre-commit: files are staged files; check their drivers */
    bool list_checks;
    bool list_callbacks;
    const char *verify_prefix;      /* --verify[=PREFIX]; NULL when off */
    bool dump_ir;
    const char *baseline;           /* --baseline FILE */
    const char *write_baseline;     /* --write-baseline FILE */
    const char *sarif_root;         /* --sarif-root DIR */
    bool warn_unused_suppressions;
    bool lsp;
    const char *cache_dir;
    bool no_cache;
    bool trim_cache;                /* --trim-cache: trim the cache folder now, and exit */
    bool has_cache_max_size;        /* --cache-max-size given (else the default) */
    uint64_t cache_max_size;        /* bytes; 0: no limit */
    bool no_pch;
    int color;                      /* -1 auto, 0 never, 1 always */
    const char **severity_overrides;/* --severity=RULE=LEVEL, repeated */
    int nseverity_overrides;
    struct unsaved_file *unsaved;
    int nunsaved;
};

void options_init(struct options *o);

/* Exit statuses. */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_CANNOT_CHECK = 2 };

#endif
