// RUN: %dumpcheck --verify %s
// for with continue and break: 'continue' skips the assignment of the status for
// one iteration, 'break' leaves with the value of the current iteration. The
// path through 'break' returns STATUS_MORE_ENTRIES.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_ENTRIES 8

static ULONG g_Entries[FLT_ENTRIES];

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status = STATUS_SUCCESS;
    ULONG i;

    UNREFERENCED_PARAMETER(FilterExtension);
    for (i = 0; i < FLT_ENTRIES; i++) {
        if (g_Entries[i] == 0)
            continue;
        if (g_Entries[i] == 0xFFFFFFFF) {
            status = STATUS_MORE_ENTRIES;
            break;
        }
        g_Entries[i] = 0;
    }
    return status; // expected-warning{{STATUS_MORE_ENTRIES}}
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
