// RUN: %dumpcheck --verify %s
// Control flow inside macros: 'do { if (!(x)) goto Fail; } while (0)'. The
// Fail label returns STATUS_PENDING.

#include <ntddk.h>
#include <ntdddump.h>

#define CHECK_OR_FAIL(x) do { if (!(x)) goto Fail; } while (0)

static PVOID g_A;
static PVOID g_B;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    CHECK_OR_FAIL(g_A != NULL);
    CHECK_OR_FAIL(g_B != NULL);
    g_A = g_B = NULL;
    return STATUS_SUCCESS;
Fail:
    return STATUS_PENDING; // expected-warning{{[dump-unload-status]}}
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
