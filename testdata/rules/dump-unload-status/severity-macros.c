// RUN: %dumpcheck --verify %s
// NT_INFORMATION, NT_WARNING and NT_ERROR test the severity bits; each
// refines the status exactly. A helper returns one status of every class;
// the unload maps the informational and warning ones, then a success code
// other than STATUS_SUCCESS, and passes on only what is left (STATUS_SUCCESS
// or an error): no finding. Ordered comparisons refine it too (`s < 0`
// excluding a named warning).

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static ULONG g_Step;
static ULONG g_Mode;

static NTSTATUS FltStep(VOID)
{
    switch (g_Step) {
    case 0: return STATUS_SUCCESS;
    case 1: return STATUS_PENDING;
    case 2: return STATUS_OBJECT_NAME_EXISTS;
    case 3: return STATUS_BUFFER_OVERFLOW;
    default: return STATUS_DEVICE_NOT_READY;
    }
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    status = FltStep();
    if (g_Mode == 1) {
        if (status < 0 && status != STATUS_BUFFER_OVERFLOW)
            return status;
        return STATUS_SUCCESS;
    }
    if (NT_INFORMATION(status) || NT_WARNING(status))
        return STATUS_UNSUCCESSFUL;
    if (status == STATUS_PENDING)
        return STATUS_SUCCESS;
    return status;
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
