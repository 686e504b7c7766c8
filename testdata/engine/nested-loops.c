// RUN: %dumpcheck --verify %s
// Nested loops: 'break' leaves the inner loop only; the outer loop's exit path
// carries the value the inner loop set.

#include <ntddk.h>
#include <ntdddump.h>

static ULONG g_Table[4][4];

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status = STATUS_SUCCESS;
    ULONG i, j;

    UNREFERENCED_PARAMETER(FilterExtension);
    for (i = 0; i < 4; i++) {
        for (j = 0; j < 4; j++) {
            if (g_Table[i][j] == 0xFFFF) {
                status = STATUS_OBJECT_NAME_EXISTS;
                break;
            }
        }
    }
    return status; // expected-warning{{[dump-unload-status]}}
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
