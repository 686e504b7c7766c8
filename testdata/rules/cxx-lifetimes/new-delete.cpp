// RUN: %dumpcheck --verify %s
// new and delete are a resource family of their own (the library's
// operator new): the entry point keeps a context from `new` and a buffer
// from `new[]`; the unload deletes the context but forgets the buffer, and
// a second buffer is released with `delete` instead of `delete[]`.

#include <ntddk.h>
#include <ntdddump.h>

struct FltContext {
    ULONG Writes;
    PUCHAR Scratch;
};

static FltContext *g_Ctx;
static PUCHAR g_Table;

extern "C" {
DRIVER_INITIALIZE DriverEntry;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    delete g_Table; // expected-warning{{[dump-release-mismatch]}}
    delete g_Ctx;
    return STATUS_SUCCESS; // expected-warning{{memory from new[] 'g_Ctx->Scratch' acquired by operator new[] in the entry point is not released on this path of Dump_Unload 'FltDumpUnload' [dump-unload-leak]}}
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
    g_Table = new UCHAR[256];
    if (g_Table == NULL) {
        delete[] g_Ctx->Scratch;
        delete g_Ctx;
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
