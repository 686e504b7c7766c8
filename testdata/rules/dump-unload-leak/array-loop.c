// RUN: %dumpcheck --verify %s
// Not a finding: an array of buffers allocated in a loop by the entry point and
// freed in a loop by the unload (array elements are one access path).

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'
#define FLT_BUFFERS 4

static PVOID g_Buffers[FLT_BUFFERS];

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    ULONG i;

    UNREFERENCED_PARAMETER(FilterExtension);
    for (i = 0; i < FLT_BUFFERS; i++) {
        if (g_Buffers[i] != NULL) {
            ExFreePoolWithTag(g_Buffers[i], FLT_TAG);
            g_Buffers[i] = NULL;
        }
    }
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    ULONG i;

    UNREFERENCED_PARAMETER(DriverObject);
    for (i = 0; i < FLT_BUFFERS; i++) {
        g_Buffers[i] = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
        if (g_Buffers[i] == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
    }
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
