// RUN: %dumpcheck --verify %s
// Pending (round 2, scope question): the entry cannot do all its set-up that
// early, so it registers a Phase1InitComplete callback with
// ExRegisterCallback; the kernel later runs that callback, which allocates the
// key buffer and its MDL into the global context. Dump_Unload is the only
// place that can release them, but today only acquisitions made by the entry
// point (and its callees) or by Dump_Start are owed, so dropping IoFreeMdl
// from the clean-up is not reported. A routine the entry hands to
// ExRegisterCallback (or a work item, or a system thread) is part of the
// entry's set-up for the dump stack.

#include <ntddk.h>
#include <ntdddump.h>

typedef struct _LATE_CONTEXT {
    PUCHAR KeyBuffer;
    PMDL KeyMdl;
} LATE_CONTEXT, *PLATE_CONTEXT;

static PLATE_CONTEXT g_Late;
static PCALLBACK_OBJECT g_Phase1;
static PVOID g_Phase1Registration;

static VOID LateInit(PVOID Context, PVOID Argument1, PVOID Argument2)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Argument1);
    UNREFERENCED_PARAMETER(Argument2);
    g_Late->KeyBuffer = (PUCHAR)ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, 'yeKL');
    if (g_Late->KeyBuffer == NULL)
        return;
    g_Late->KeyMdl = IoAllocateMdl(g_Late->KeyBuffer, PAGE_SIZE, FALSE, FALSE, NULL);
    if (g_Late->KeyMdl != NULL)
        MmBuildMdlForNonPagedPool(g_Late->KeyMdl);
}

static NTSTATUS LateUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    ExUnregisterCallback(g_Phase1Registration);
    ObDereferenceObject(g_Phase1);
    if (g_Late->KeyBuffer != NULL)
        ExFreePoolWithTag(g_Late->KeyBuffer, 'yeKL');
    ExFreePoolWithTag(g_Late, 'etaL');
    g_Late = NULL;
    return STATUS_SUCCESS; // expected-warning{{'g_Late->KeyMdl' acquired by IoAllocateMdl}}
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
    status = ExCreateCallback(&g_Phase1, &attributes, TRUE, FALSE);
    if (!NT_SUCCESS(status))
        return status;
    g_Late = (PLATE_CONTEXT)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(LATE_CONTEXT), 'etaL');
    if (g_Late == NULL) {
        ObDereferenceObject(g_Phase1);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    RtlZeroMemory(g_Late, sizeof(LATE_CONTEXT));
    g_Phase1Registration = ExRegisterCallback(g_Phase1, LateInit, NULL);
    if (g_Phase1Registration == NULL) {
        ExFreePoolWithTag(g_Late, 'etaL');
        ObDereferenceObject(g_Phase1);
        return STATUS_UNSUCCESSFUL;
    }
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = LateUnload;
    return STATUS_SUCCESS;
}
