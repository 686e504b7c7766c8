/* Included as "FLTdefs.h" by ../Driver/entry.c: the name on disk differs in
 * case, as in drivers written on a case-insensitive file system. */
#ifndef FLTDEFS_H
#define FLTDEFS_H
#include <ntddk.h>
#include <ntdddump.h>
#define FLT_TAG 'tlFD'
#endif
