// RUN: %dumpcheck --verify %s
// Not a finding: two references (ObReferenceObject after ObReferenceObjectByHandle)
// make two ObDereferenceObject calls correct; references are not counted.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static PVOID g_Event;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Event != NULL) {
        ObDereferenceObject(g_Event);
        ObDereferenceObject(g_Event);
    }
    return STATUS_SUCCESS;
}

static HANDLE g_EventHandle;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    NTSTATUS status;

    status = ObReferenceObjectByHandle(g_EventHandle, EVENT_ALL_ACCESS, *ExEventObjectType, KernelMode, &g_Event, NULL);
    if (!NT_SUCCESS(status))
        return status;
    ObReferenceObject(g_Event);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
