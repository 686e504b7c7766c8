/* The dump filter callback roles. */
#ifndef DUMPCHECK_ROLES_H
#define DUMPCHECK_ROLES_H

enum dump_role {
    ROLE_NONE = 0,
    ROLE_START,
    ROLE_WRITE,
    ROLE_FINISH,
    ROLE_UNLOAD,
    ROLE_READ,
    ROLE_DATA,      /* FILTER_INITIALIZATION_DATA.DumpData: the context, not a callback */
    ROLE_COUNT,
};

const char *role_field_name(enum dump_role r);   /* "DumpUnload" */
const char *role_typedef_name(enum dump_role r); /* "DUMP_UNLOAD" */
const char *role_ptr_typedef_name(enum dump_role r); /* "PDUMP_UNLOAD" */
const char *role_display(enum dump_role r);      /* "Dump_Unload" */
enum dump_role role_from_field(const char *field);
enum dump_role role_from_typedef(const char *name);

#endif
