// RUN: %dumpcheck --verify %s
// A class's operator new/delete and the driver's global placement-style
// operator new (size, pool type, tag) are written over the pool routines:
// `new` is followed into their bodies, so what is acquired is pool memory
// with its tag. The unload deletes the writer (through the class's operator
// delete) but frees the log with the wrong tag, and forgets the key.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'tlFD'
#define LOG_TAG 'goLD'

void *__cdecl operator new(size_t Size, POOL_TYPE Pool, ULONG Tag)
{
    return ExAllocatePoolWithTag(Pool, Size, Tag);
}

void __cdecl operator delete(void *p, size_t)
{
    if (p != NULL)
        ExFreePoolWithTag(p, LOG_TAG);
}

class FltWriter {
public:
    ULONG Sector;
    static void *__cdecl operator new(size_t Size)
    {
        return ExAllocatePoolWithTag(NonPagedPoolNx, Size, FLT_TAG);
    }
    static void __cdecl operator delete(void *p)
    {
        ExFreePoolWithTag(p, FLT_TAG);
    }
};

struct FltLog {
    ULONG Lines;
};

struct FltKey {
    ULONG Bits[8];
};

static FltWriter *g_Writer;
static FltLog *g_Log;
static FltKey *g_Key;

extern "C" {
DRIVER_INITIALIZE DriverEntry;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    delete g_Writer;
    ExFreePoolWithTag(g_Log, FLT_TAG); // expected-warning{{[dump-pool-tag-mismatch]}}
    return STATUS_SUCCESS; // expected-warning{{pool memory 'g_Key' acquired by ExAllocatePoolWithTag in the entry point is not released on this path of Dump_Unload 'FltDumpUnload' [dump-unload-leak]}}
}

extern "C" NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Writer = new FltWriter;
    if (g_Writer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    g_Log = new (NonPagedPoolNx, LOG_TAG) FltLog;
    if (g_Log == NULL) {
        delete g_Writer;
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    g_Key = new (NonPagedPoolNx, FLT_TAG) FltKey;
    if (g_Key == NULL) {
        ExFreePoolWithTag(g_Log, LOG_TAG);
        delete g_Writer;
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
