#include "demo.h"

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PDEMO_CONTEXT ctx;

    UNREFERENCED_PARAMETER(DriverObject);
    ctx = (PDEMO_CONTEXT)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(DEMO_CONTEXT), DEMO_TAG);
    if (ctx == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    RtlZeroMemory(ctx, sizeof(DEMO_CONTEXT));
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpData = ctx;
    init->DumpStart = Demo_Start;
    init->DumpUnload = Demo_Unload;
    return STATUS_SUCCESS;
}
