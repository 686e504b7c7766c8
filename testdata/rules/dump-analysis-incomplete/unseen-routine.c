// RUN: %dumpcheck --verify %s
// The buffer Dump_Start keeps for the dump stack is handed to a routine of
// another driver (declared external): the analysis cannot see whether it
// releases it, so tracking ends there, and a leak in Dump_Unload (which never
// frees it) would go unreported. Not silent: a note at the hand-over.

#include <ntddk.h>
#include <ntdddump.h>

VOID PartnerRegisterBuffer(PVOID Buffer);

static PVOID g_Buffer;

static NTSTATUS FltDumpStart(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    g_Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, 4096, 'fDmp');
    if (g_Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    PartnerRegisterBuffer(g_Buffer); // expected-note{{the analysis stops tracking pool memory 'g_Buffer' here (passed to 'PartnerRegisterBuffer', which has no body in the analysed sources): a leak or a second release of it would not be reported}}
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpStart = FltDumpStart;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
