#include "roles.h"

#include <string.h>

static const struct {
    const char *field, *type, *ptr_type, *display;
} roles[ROLE_COUNT] = {
    [ROLE_NONE] = {"", "", "", ""},
    [ROLE_START] = {"DumpStart", "DUMP_START", "PDUMP_START", "Dump_Start"},
    [ROLE_WRITE] = {"DumpWrite", "DUMP_WRITE", "PDUMP_WRITE", "Dump_Write"},
    [ROLE_FINISH] = {"DumpFinish", "DUMP_FINISH", "PDUMP_FINISH", "Dump_Finish"},
    [ROLE_UNLOAD] = {"DumpUnload", "DUMP_UNLOAD", "PDUMP_UNLOAD", "Dump_Unload"},
    [ROLE_READ] = {"DumpRead", "DUMP_READ", "PDUMP_READ", "Dump_Read"},
    [ROLE_DATA] = {"DumpData", "", "", "DumpData"},
};

const char *role_field_name(enum dump_role r) { return roles[r].field; }
const char *role_typedef_name(enum dump_role r) { return roles[r].type; }
const char *role_ptr_typedef_name(enum dump_role r) { return roles[r].ptr_type; }
const char *role_display(enum dump_role r) { return roles[r].display; }

enum dump_role role_from_field(const char *field)
{
    for (int r = 1; r < ROLE_COUNT; r++)
        if (!strcmp(field, roles[r].field))
            return (enum dump_role)r;
    return ROLE_NONE;
}

enum dump_role role_from_typedef(const char *name)
{
    for (int r = 1; r < ROLE_COUNT; r++)
        if (roles[r].type[0] && (!strcmp(name, roles[r].type) || !strcmp(name, roles[r].ptr_type)))
            return (enum dump_role)r;
    return ROLE_NONE;
}
