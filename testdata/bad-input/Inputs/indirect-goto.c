#include <ntddk.h>
#include <ntdddump.h>

/* Dump_Unload dispatches through a table of label addresses (GNU computed
 * goto). Every label whose address is taken is a possible target. */
static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    static void *const steps[] = {&&flush, &&done};
    ULONG which = (ULONG)(ULONG_PTR)FilterExtension->DumpData & 1;
    goto *steps[which];
flush:
#ifdef SEED_PENDING
    return STATUS_PENDING;
#else
    return STATUS_SUCCESS;
#endif
done:
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
