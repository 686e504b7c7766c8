// --warn-unused-suppressions: a NOLINT naming a dumpcheck rule that
// suppresses nothing is reported; bare NOLINT, NOLINT(*) and other tools'
// entries are not (they may be there for another tool); without the flag
// nothing is reported. Independent of the analysis rules (clean driver).
//
// RUN: %python %inputs/expect_exit.py 0 %dumpcheck %s
// RUN: %python %inputs/expect_exit.py 1 %dumpcheck %s --warn-unused-suppressions > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: < %t.out
#include <ntddk.h>
#include <ntdddump.h>

static NTSTATUS Dump_Unload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension); // NOLINT
    UNREFERENCED_PARAMETER(FilterExtension); // NOLINT(*)
    UNREFERENCED_PARAMETER(FilterExtension); // NOLINT(readability-*)
    return STATUS_SUCCESS; // NOLINT(dump-unload-status)
// CHECK: unused.c:[[@LINE-1]]:31: warning: NOL{{I}}NT(dump-unload-status) suppresses no finding on this line [dumpcheck-suppression]
}

// NOLINTBEGIN(dump-unload-leak)
// CHECK: unused.c:[[@LINE-1]]:4: warning: NOL{{I}}NTBEGIN(dump-unload-leak) suppresses no finding in its region [dumpcheck-suppression]
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    // NOLINTNEXTLINE(dump-callback-signature)
// CHECK: unused.c:[[@LINE-1]]:8: warning: NOL{{I}}NTNEXTLINE(dump-callback-signature) suppresses no finding on the next line [dumpcheck-suppression]
    init->DumpUnload = Dump_Unload;
    return STATUS_SUCCESS;
}
// NOLINTEND(dump-unload-leak)
