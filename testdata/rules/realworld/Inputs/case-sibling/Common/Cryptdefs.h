/* Included as "CRYPTdefs.h" by ../Driver/entry.c: the name on disk differs in
 * case, as in drivers written on a case-insensitive file system. */
#ifndef CRYPTDEFS_H
#define CRYPTDEFS_H
#include <ntddk.h>
#include <ntdddump.h>
#define FLT_TAG 'tlFD'
#endif
