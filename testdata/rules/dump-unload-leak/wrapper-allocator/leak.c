// RUN: %dumpcheck --verify %s
// A project wrapper allocator configured in .dumpcheck.yaml (next to this
// file): MyAlloc acquires pool memory, MyFree releases it. The unload forgets the
// second buffer. MyAlloc/MyFree have no bodies here.

#include <ntddk.h>
#include <ntdddump.h>

PVOID MyAlloc(SIZE_T Bytes);
VOID MyFree(PVOID Buffer);

static PVOID g_Key;
static PVOID g_Buffer;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    MyFree(g_Key);
    return STATUS_SUCCESS; // expected-warning{{'g_Buffer' acquired by MyAlloc}}
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Key = MyAlloc(64);
    if (g_Key == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    g_Buffer = MyAlloc(8 * PAGE_SIZE);
    if (g_Buffer == NULL) {
        MyFree(g_Key);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
