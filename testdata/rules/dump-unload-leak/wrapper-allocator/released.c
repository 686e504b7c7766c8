// RUN: %dumpcheck --verify %s
// Not a finding: the same wrapper pair, with both buffers released. Without the
// configuration the checker would know nothing of MyAlloc; with it, the pairs
// match (and no mismatch with the pool family is reported).

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

PVOID MyAlloc(SIZE_T Bytes);
VOID MyFree(PVOID Buffer);

static PVOID g_Key;
static PVOID g_Buffer;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    MyFree(g_Buffer);
    MyFree(g_Key);
    return STATUS_SUCCESS;
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
