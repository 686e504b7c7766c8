// Malformed suppression comments are findings of the rule
// dumpcheck-suppression, at the comment, whether or not anything is found:
// an entry naming no dumpcheck rule, an unbalanced BEGIN or END, a missing
// ')' or an empty list. Text in strings is not a comment. Independent of
// the analysis rules (this driver is clean).
//
// RUN: %python %inputs/expect_exit.py 1 %dumpcheck %s > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: < %t.out
// With a higher --fail-on, they are reported but do not fail the run.
// RUN: %python %inputs/expect_exit.py 0 %dumpcheck %s --fail-on=error
#include <ntddk.h>
#include <ntdddump.h>

static const char *Banner = "// NOLINT(dump-not-a-comment)";

static NTSTATUS Dump_Unload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    UNREFERENCED_PARAMETER(Banner);
    // NOLINTNEXTLINE(dump-unload-statsu)
// CHECK: malformed.c:[[@LINE-1]]:8: warning: 'dump-unload-statsu' matches no dumpcheck rule (see --list-checks) [dumpcheck-suppression]
    return STATUS_SUCCESS;
}

// NOLINTEND(dump-unload-leak)
// CHECK: malformed.c:[[@LINE-1]]:4: warning: NOL{{I}}NTEND(dump-unload-leak) without a matching NOL{{I}}NTBEGIN(dump-unload-leak) before it [dumpcheck-suppression]

/* NOLINTBEGIN(dump-callback-*) */
// CHECK: malformed.c:[[@LINE-1]]:4: warning: NOL{{I}}NTBEGIN(dump-callback-*) without a matching NOL{{I}}NTEND(dump-callback-*) after it: it suppresses nothing [dumpcheck-suppression]
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION; // NOLINT()
// CHECK: malformed.c:[[@LINE-1]]:56: warning: NOL{{I}}NT(): an empty rule list suppresses nothing [dumpcheck-suppression]
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION; // NOLINT(dump-unload-leak
// CHECK: malformed.c:[[@LINE-1]]:56: warning: NOL{{I}}NT: missing ')' after the rule list [dumpcheck-suppression]
    init->DumpUnload = Dump_Unload; // NOLINT(clang-analyzer-*, dump-*)
    return STATUS_SUCCESS;
}
/* A differently spelt END does not close the BEGIN above. */
// NOLINTEND(dump-callback-missing)
// CHECK: malformed.c:[[@LINE-1]]:4: warning: NOL{{I}}NTEND(dump-callback-missing) without a matching NOL{{I}}NTBEGIN(dump-callback-missing) before it [dumpcheck-suppression]
