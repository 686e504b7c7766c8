// RUN: %dumpcheck --verify %s
// An indirect call (through a function pointer the analysis cannot resolve)
// receives the context the entry point allocated: tracking of it ends there,
// with a note.

#include <ntddk.h>
#include <ntdddump.h>

typedef VOID (*PNOTIFY)(PVOID Context);
PNOTIFY g_Notify;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    g_Notify(FilterExtension->DumpData); // expected-note{{the analysis stops tracking pool memory 'ctx' here (passed to an indirect call through 'g_Notify'): a leak or a second release of it would not be reported}}
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PVOID ctx;

    UNREFERENCED_PARAMETER(DriverObject);
    ctx = ExAllocatePoolWithTag(NonPagedPoolNx, 64, 'fDmp');
    if (ctx == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpData = ctx;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
