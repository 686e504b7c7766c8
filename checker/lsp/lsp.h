/* The language server (--lsp) and the pieces it shares with the JSON and
 * SARIF writers: file URIs, links to rule pages, positions in LSP terms
 * and LSP Diagnostic objects. */
#ifndef DUMPCHECK_LSP_H
#define DUMPCHECK_LSP_H

#include <stdint.h>
#include <cjson/cJSON.h>

#include "../options.h"

/* Runs the server on stdin/stdout until `exit` or end of input. Returns
 * the process exit status (0 after shutdown + exit, 1 otherwise). */
int lsp_main(const struct options *o);

/* The Content-Length framing of the server's input, alone: calls `each`
 * with every message body read from `fd` (NULL for a bad header) until
 * the end of input; returns how many. (What the fuzzing harness drives.) */
int lsp_read_messages(int fd, void (*each)(const char *body, size_t len, void *ud), void *ud);

/* ---- URIs (report/json.c) ---- */

/* The absolute form of `path` (relative paths are taken from the current
 * directory; no symlink resolution). malloc'd. */
char *path_absolute(const char *path);
/* The resolved absolute path (realpath), or path_absolute() when the file
 * does not exist. malloc'd. */
char *path_canonical(const char *path);
/* "file:///abs/path" with RFC 3986 percent-encoding; a trailing '/' of
 * `path` is kept. malloc'd. */
char *path_to_file_uri(const char *path);
/* The path of a file: URI (percent-decoded), or NULL when `uri` is not a
 * local file URI. malloc'd. */
char *file_uri_to_path(const char *uri);
/* `path` relative to the folder `root` ("src/unload.c", "../x.c"); both
 * are made absolute first. malloc'd. */
char *path_relative_to(const char *path, const char *root);

/* The page documenting a rule, as an absolute URI; NULL for ids without a
 * page. Built from DUMPCHECK_DOCS_URI when the build defines it (a URI
 * ending in '/': "<base><rule-id>.md"), else from the installed rule
 * pages (share/dumpcheck/rules/docs/<rule-id>.md). malloc'd. */
char *rule_doc_uri(const char *rule);
/* The folder of those pages (ends in '/'). malloc'd. */
char *rule_docs_base_uri(void);

/* ---- source text and positions (report/json.c) ---- */

/* Reads files once each, preferring the editor's unsaved buffers. */
struct source_cache {
    const struct options *o;
    struct source_cache_entry *v;
    size_t n, cap;
};
void source_cache_init(struct source_cache *sc, const struct options *o);
void source_cache_free(struct source_cache *sc);
/* The text of line `line` (1-based) of `file`, without its end of line;
 * NULL when unknown. */
const char *source_cache_line(struct source_cache *sc, str_id file, uint32_t line, size_t *len);

/* 0-based LSP position (UTF-16 code units) of a 1-based byte column, and
 * the end of the token that starts there. */
void lsp_position_of(struct source_cache *sc, loc_t l, uint32_t *line, uint32_t *character,
                     uint32_t *end_character);

/* ---- LSP diagnostics (report/json.c) ---- */

/* LSP severity: 1 error, 2 warning, 3 information (notes). */
int lsp_severity(enum severity s);
/* One LSP Diagnostic for a finding, as clangd publishes them. */
cJSON *lsp_diagnostic(struct source_cache *sc, const struct diag *d);
/* [{"uri", "diagnostics": [...]}], one entry per file with unsuppressed
 * findings, in the findings' (file) order. */
cJSON *lsp_diagnostics_by_file(struct source_cache *sc, const struct diag_list *l);

#endif
