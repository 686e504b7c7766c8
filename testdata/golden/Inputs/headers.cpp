// A C++ dump filter against the rule pack's headers: role declarations in an
// extern "C" block, the newer pool routines of the compatibility header.
#include <ntddk.h>
#include <ntdddump.h>

extern "C" {
DRIVER_INITIALIZE DriverEntry;
DUMP_UNLOAD CxxUnload;
}

static PVOID g_Buffer;

extern "C" NTSTATUS CxxUnload(__in PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Buffer != NULL) {
        ExFreePool2(g_Buffer, 'xxCF', NULL, 0);
        g_Buffer = NULL;
    }
    return STATUS_SUCCESS;
}

extern "C" NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA initData = reinterpret_cast<PFILTER_INITIALIZATION_DATA>(RegistryPath);
    ULONG64 qpc;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Buffer = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_UNINITIALIZED, PAGE_SIZE, 'xxCF');
    if (g_Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    (void)KeQueryInterruptTimePrecise(&qpc);
    (void)ExAllocatePoolZero;
    (void)ExAllocatePoolUninitialized;
    (void)ExAllocatePool3;
    (void)MmAllocateContiguousNodeMemory;
    initData->MajorVersion = DUMP_FILTER_MAJOR_VERSION_1;
    initData->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    initData->DumpUnload = CxxUnload;
    initData->Flags = MdlMappingNoExecute & 0;
    return STATUS_SUCCESS;
}
