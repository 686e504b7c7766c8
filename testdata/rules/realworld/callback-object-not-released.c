// RUN: %dumpcheck --verify %s
// Missed bug (mutation of a real crash-dump filter): the entry point opens a
// kernel callback object with ExCreateCallback (a referenced object, released
// with ObDereferenceObject) and registers a routine on it with
// ExRegisterCallback (released with ExUnregisterCallback); both are kept for
// the dump stack, and the filter's own clean-up releases them from
// Dump_Unload. Here Dump_Unload forgets both. dumpcheck reported nothing:
// neither routine is in the resource families (rules/families.yaml), so
// nothing was tracked. The real filter (which releases both) is correct.

#include <ntddk.h>
#include <ntdddump.h>

static PCALLBACK_OBJECT g_Phase1Callback;
static PVOID g_Phase1Registration;

static VOID OnPhase1(PVOID Context, PVOID Argument1, PVOID Argument2)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Argument1);
    UNREFERENCED_PARAMETER(Argument2);
}

static NTSTATUS FilterUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS; // expected-warning{{not released}} expected-warning{{not released}}
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    OBJECT_ATTRIBUTES attributes;
    UNICODE_STRING name;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(DriverObject);
    RtlInitUnicodeString(&name, L"\\Callback\\Phase1InitComplete");
    InitializeObjectAttributes(&attributes, &name, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = ExCreateCallback(&g_Phase1Callback, &attributes, TRUE, FALSE);
    if (!NT_SUCCESS(status))
        return status;
    g_Phase1Registration = ExRegisterCallback(g_Phase1Callback, OnPhase1, NULL);
    if (g_Phase1Registration == NULL) {
        ObDereferenceObject(g_Phase1Callback);
        return STATUS_UNSUCCESSFUL;
    }

    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FilterUnload;
    return STATUS_SUCCESS;
}
