/* Serialization of one translation unit's facts (struct tu_facts and
 * everything it points to, ir.h) for the cache of repeated runs.
 *
 * The format is self-contained: interned strings are written as text and
 * re-interned on load, so an entry written by one process is valid in
 * another. Shared expression nodes stay shared. ir_call.callee_has_body is
 * derived by the model after linking and is never written (it loads as
 * false, as lowering leaves it). */
#ifndef DUMPCHECK_FACTS_IO_H
#define DUMPCHECK_FACTS_IO_H

#include <stddef.h>
#include <stdint.h>
#include "ir.h"

/* Bump whenever ir.h or this encoding changes. */
#define FACTS_FORMAT_VERSION 2u

/* A growable byte buffer with compact integer encodings. */
struct bytebuf {
    unsigned char *p;
    size_t n, cap;
};
void bb_bytes(struct bytebuf *b, const void *p, size_t n);
void bb_uvar(struct bytebuf *b, uint64_t v);   /* LEB128 */
void bb_svar(struct bytebuf *b, int64_t v);    /* zigzag + LEB128 */
void bb_u64(struct bytebuf *b, uint64_t v);    /* 8 bytes, little endian */
void bb_str(struct bytebuf *b, const char *s); /* length + bytes */

/* A bounds-checked reader over a buffer; `bad` sticks once anything is
 * out of range, and every later read returns 0. */
struct bytereader {
    const unsigned char *p;
    size_t n, pos;
    bool bad;
};
uint64_t br_uvar_slow(struct bytereader *r);
/* Most values fit one byte: that case inline (the cache's decoding is
 * mostly this). */
static inline uint64_t br_uvar(struct bytereader *r)
{
    if (!r->bad && r->pos < r->n && !(r->p[r->pos] & 0x80))
        return r->p[r->pos++];
    return br_uvar_slow(r);
}
int64_t br_svar(struct bytereader *r);
uint64_t br_u64(struct bytereader *r);
/* Returns a pointer into the buffer (not NUL-terminated) and its length. */
const char *br_str(struct bytereader *r, size_t *len);

/* Appends the encoding of `f` to `out`. */
void facts_serialize(const struct tu_facts *f, struct bytebuf *out);
/* Rebuilds facts from an encoding; returns 0, or -1 (and leaves `out`
 * empty) when the data is malformed. */
int facts_deserialize(const void *data, size_t len, struct tu_facts *out);

/* Shared facts (ir.h) from an encoding, with content id `id`; their
 * functions are marked with the language given. NULL when malformed. */
struct shared_facts *shared_facts_decode(const void *data, size_t len, uint64_t id, bool is_cplusplus);

/* Makes `prefix` (a shared header block's facts) part of `f`, in front of
 * its own, as if `f` had been lowered with the block in its own text: f
 * holds a reference, and a role type that `f` does not set is taken from
 * it. The encoding of `f` (facts_serialize) holds its own facts only. */
void facts_attach_prefix(struct tu_facts *f, struct shared_facts *prefix);

#endif
