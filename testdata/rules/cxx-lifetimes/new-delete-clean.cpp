// RUN: %dumpcheck --verify %s
// Not a finding: every `new` is matched by the `delete` of its form on
// every path of the unload.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

struct FltContext {
    ULONG Writes;
    PUCHAR Scratch;
};

static FltContext *g_Ctx;

extern "C" {
DRIVER_INITIALIZE DriverEntry;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Ctx == NULL)
        return STATUS_SUCCESS;
    delete[] g_Ctx->Scratch;
    delete g_Ctx;
    g_Ctx = NULL;
    return STATUS_SUCCESS;
}

extern "C" NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Ctx = new FltContext;
    if (g_Ctx == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    g_Ctx->Scratch = new UCHAR[PAGE_SIZE];
    if (g_Ctx->Scratch == NULL) {
        delete g_Ctx;
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
