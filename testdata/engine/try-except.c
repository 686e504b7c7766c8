// RUN: %dumpcheck --verify %s
// __try/__except: the handler is a path of its own (entered when the __try
// raises); it returns STATUS_PENDING.

#include <ntddk.h>
#include <ntdddump.h>

static volatile ULONG *g_Register;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    __try {
        *g_Register = 0;
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return STATUS_PENDING; // expected-warning{{[dump-unload-status]}}
    }
    return STATUS_SUCCESS;
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
