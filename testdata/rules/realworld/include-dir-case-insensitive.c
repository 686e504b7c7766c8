// RUN: %dumpcheck --verify %S/Inputs/case-sibling/Driver/entry.c -- -I%S/Inputs/case-sibling/Common
// RUN: %dumpcheck --verify %S/Inputs/case-sibling/Driver/entry-shadowed.c -- -I%S/Inputs/case-sibling/Common
// Headers found through an -I directory outside the sources' own tree and
// included with another case, as a disk-encryption driver's Driver/Ntdriver.c
// includes "TCdefs.h" for Common/Tcdefs.h through -ICommon.
//
// 1. entry.c includes "CRYPTdefs.h" for Common/Cryptdefs.h. The embedded
//    default promises a case-insensitive include overlay, but the overlay
//    lists only the checked sources' directories (and their subdirectories)
//    and mingw-w64's, not the -I directories given after `--` (or in a
//    compilation database): "'CRYPTdefs.h' file not found", exit status 2.
// 2. entry-shadowed.c includes "FLTdefs.h" for Common/Fltdefs.h. Worse: the
//    overlay over mingw-w64's include folder maps it case-insensitively to
//    mingw-w64's user-mode <fltdefs.h>, so an unrelated system header is
//    parsed in place of the project's (errors about DWORD, then undeclared
//    PFILTER_EXTENSION). Project -I directories should win over the overlay
//    of the system folders, as they do for an exact-case name.
//
// (This file is only the lit driver; the sources are in Inputs/.)
// expected-no-diagnostics
