// RUN: %dumpcheck --verify %s
// Memory from `new` is released by `delete`: reading it afterwards is a use
// after release, and deleting it a second time on a path is a double
// release. Clearing the pointer after delete (the other path) is fine.

#include <ntddk.h>
#include <ntdddump.h>

struct FltContext {
    ULONG Writes;
    ULONG Flags;
};

static FltContext *g_Ctx;
static FltContext *g_Spare;
static ULONG g_Mode;

extern "C" {
DRIVER_INITIALIZE DriverEntry;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    delete g_Spare;
    if (g_Mode == 1)
        delete g_Spare; // expected-warning{{[dump-double-release]}}
    delete g_Ctx;
    if (g_Mode == 2)
        return g_Ctx->Flags ? STATUS_UNSUCCESSFUL : STATUS_SUCCESS; // expected-warning{{'g_Ctx' is used after operator delete released it [dump-use-after-release]}}
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
    g_Spare = new FltContext;
    if (g_Spare == NULL) {
        delete g_Ctx;
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
