#include "resource_notes.h"

static int base_object(struct analysis *a, int obj)
{
    struct obj *o = engine_obj(a->E, obj);
    if (o && o->kind == OBJ_DERIVED && !loc_valid(o->site) && o->parent >= 0)
        return o->parent;
    return obj;
}

const char *resource_name(struct analysis *a, int obj)
{
    struct obj *o = engine_obj(a->E, base_object(a, obj));
    if (!o || !o->name)
        return "the resource";
    return str_get(o->name);
}

const char *resource_acquirer(struct analysis *a, int obj)
{
    struct obj *o = engine_obj(a->E, obj);
    if (!o || !o->routine)
        return "?";
    return str_get(o->routine);
}

void resource_note_acquired(struct analysis *a, struct diag *d, int obj)
{
    struct obj *o = engine_obj(a->E, obj);
    if (!o || !loc_valid(o->site))
        return;
    diag_add_note(d, o->site, "acquired here by %s in %s (stored in %s)", str_get(o->routine),
                  o->role ? str_get(o->role) : "the driver", o->name ? str_get(o->name) : "a local");
}
