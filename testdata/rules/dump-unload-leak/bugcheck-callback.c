// RUN: %dumpcheck --verify %s
// A bug-check reason callback registered by the entry point is never
// deregistered: after the unload it points into an image that is gone.

#include <ntddk.h>
#include <ntdddump.h>

static KBUGCHECK_REASON_CALLBACK_RECORD g_Record;

static VOID FltOnBugCheck(KBUGCHECK_CALLBACK_REASON Reason, struct _KBUGCHECK_REASON_CALLBACK_RECORD *Record,
                          PVOID ReasonSpecificData, ULONG ReasonSpecificDataLength)
{
    UNREFERENCED_PARAMETER(Reason);
    UNREFERENCED_PARAMETER(Record);
    UNREFERENCED_PARAMETER(ReasonSpecificData);
    UNREFERENCED_PARAMETER(ReasonSpecificDataLength);
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS; // expected-warning{{[dump-unload-leak]}}
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    KeInitializeCallbackRecord((&g_Record));
    if (!KeRegisterBugCheckReasonCallback(&g_Record, FltOnBugCheck, KbCallbackSecondaryDumpData, (PUCHAR)"dumpflt"))
        return STATUS_UNSUCCESSFUL;
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
