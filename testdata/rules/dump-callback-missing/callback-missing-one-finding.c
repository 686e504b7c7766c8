// RUN: %dumpcheck --verify %s
// One root cause, one finding: the unload's registration was dropped. The
// static function of the DUMP_UNLOAD type that nothing registers is reported;
// "no DumpUnload is registered" is not reported on top of it (as with a
// function declared with the role type, DUMP_UNLOAD X;).
// Seen on mutants of DiskCryptor, VeraCrypt and its newer context-based
// filter.

#include <ntddk.h>
#include <ntdddump.h>

static PMDL g_OneMdl;
static PUCHAR g_OneBuffer;

static NTSTATUS OneUnload(PFILTER_EXTENSION FilterExtension) // expected-warning{{'OneUnload'}}
{
    UNREFERENCED_PARAMETER(FilterExtension);
    IoFreeMdl(g_OneMdl);
    ExFreePoolWithTag(g_OneBuffer, 'enOD');
    return STATUS_SUCCESS;
}

static NTSTATUS OneFinish(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_OneBuffer = (PUCHAR)ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, 'enOD');
    if (g_OneBuffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    g_OneMdl = IoAllocateMdl(g_OneBuffer, PAGE_SIZE, FALSE, FALSE, NULL);
    if (g_OneMdl == NULL) {
        ExFreePoolWithTag(g_OneBuffer, 'enOD');
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    MmBuildMdlForNonPagedPool(g_OneMdl);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpFinish = OneFinish;
    return STATUS_SUCCESS;
}
