/* dump-pool-tag-mismatch: ExFreePoolWithTag (or ExFreePool2) with a tag
 * other than the allocation's, both known as constants. */
#include "checks.h"
#include "resource_notes.h"

#include <stdio.h>

/* 'pmDF' as the four characters a pool tag shows in the debugger. */
static void tag_text(int64_t tag, char out[16])
{
    char c[5];
    for (int i = 0; i < 4; i++) {
        char ch = (char)((tag >> (8 * i)) & 0xff);
        c[i] = ch >= 32 && ch < 127 ? ch : '.';
    }
    c[4] = 0;
    snprintf(out, 16, "'%s'", c);
}

static void on_release(struct analysis *a, const struct check *c, struct state *s, const struct release_event *ev)
{
    const struct rsrc *r = ev->before;
    struct obj *o = engine_obj(a->E, ev->obj);
    if (!r || !(r->st & RS_OWNED) || !ev->tag_known || !o || !o->tag_known || r->family != ev->rel->family)
        return;
    if ((uint32_t)ev->tag == (uint32_t)o->tag)
        return;
    char freed[16], alloc[16];
    tag_text(ev->tag, freed);
    tag_text(o->tag, alloc);
    struct diag *d = analysis_report(a, c, s, ev->loc, o->name,
                                     "%s releases '%s' with tag %s (0x%08X), but %s allocated it with tag %s (0x%08X)",
                                     str_get(ev->routine), resource_name(a, ev->obj), freed, (uint32_t)ev->tag,
                                     resource_acquirer(a, ev->obj), alloc, (uint32_t)o->tag);
    resource_note_acquired(a, d, ev->obj);
    analysis_add_path_notes(a, d, s);
}

static void register_hooks(struct analysis *a, const struct check *self)
{
    struct analysis_hooks h = {.check = self, .on_release = on_release};
    analysis_subscribe(a, &h);
}

const struct check check_pool_tag_mismatch = {
    "dump-pool-tag-mismatch",
    "ExFreePoolWithTag with a tag other than the allocation's",
    SEV_WARNING,
    register_hooks,
};
