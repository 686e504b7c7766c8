// RUN: %dumpcheck --verify %s
// RAII: an owner object's destructor releases what it holds when its scope
// ends (at the closing brace and at every return) and when the object that
// holds it as a member is deleted. The unload hands the MDL and the buffer
// to owners and returns early on one path: both are still released. The
// context's member owner releases the scratch buffer when the context is
// deleted. Only the log handle leaks: its holder's destructor writes a
// trailer but never closes it.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'tlFD'

class PoolOwner {
public:
    explicit PoolOwner(PVOID p) : m_p(p) {}
    ~PoolOwner()
    {
        if (m_p != NULL)
            ExFreePoolWithTag(m_p, FLT_TAG);
    }
    PVOID m_p;
};

class MdlOwner {
public:
    explicit MdlOwner(PMDL m) : m_mdl(m) {}
    ~MdlOwner()
    {
        if (m_mdl != NULL)
            IoFreeMdl(m_mdl);
    }
    PMDL m_mdl;
};

class LogHolder {
public:
    explicit LogHolder(HANDLE h) : m_h(h) {}
    ~LogHolder()
    {
        IO_STATUS_BLOCK iosb;
        static CHAR trailer[] = "end\r\n";
        if (m_h != NULL)
            ZwWriteFile(m_h, NULL, NULL, NULL, &iosb, trailer, sizeof(trailer) - 1, NULL, NULL);
    }
    HANDLE m_h;
};

struct FltContext {
    FltContext(PVOID scratch) : Scratch(scratch) {}
    ULONG Writes;
    PoolOwner Scratch;
};

static PVOID g_Buffer;
static PMDL g_Mdl;
static HANDLE g_Log;
static FltContext *g_Ctx;
static ULONG g_Mode;

extern "C" {
DRIVER_INITIALIZE DriverEntry;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    delete g_Ctx;
    LogHolder log(g_Log);
    PoolOwner buffer(g_Buffer);
    {
        MdlOwner mdl(g_Mdl);
        if (g_Mode == 1)
            return STATUS_SUCCESS; // expected-warning{{kernel handle 'g_Log' acquired by ZwCreateFile in the entry point is not released on this path}}
    }
    return STATUS_SUCCESS; // expected-warning{{kernel handle 'g_Log' acquired by ZwCreateFile in the entry point is not released on this path of Dump_Unload 'FltDumpUnload' [dump-unload-leak]}}
}

extern "C" NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES attributes;
    IO_STATUS_BLOCK iosb;
    NTSTATUS status;
    PVOID scratch;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    if (g_Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    g_Mdl = IoAllocateMdl(g_Buffer, PAGE_SIZE, FALSE, FALSE, NULL);
    if (g_Mdl == NULL) {
        ExFreePoolWithTag(g_Buffer, FLT_TAG);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    scratch = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    if (scratch == NULL) {
        IoFreeMdl(g_Mdl);
        ExFreePoolWithTag(g_Buffer, FLT_TAG);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    g_Ctx = new FltContext(scratch);
    if (g_Ctx == NULL) {
        ExFreePoolWithTag(scratch, FLT_TAG);
        IoFreeMdl(g_Mdl);
        ExFreePoolWithTag(g_Buffer, FLT_TAG);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    RtlInitUnicodeString(&name, L"\\SystemRoot\\dumpflt.log");
    InitializeObjectAttributes(&attributes, &name, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = ZwCreateFile(&g_Log, FILE_APPEND_DATA | SYNCHRONIZE, &attributes, &iosb, NULL,
                          FILE_ATTRIBUTE_NORMAL, FILE_SHARE_READ, FILE_OPEN_IF,
                          FILE_SYNCHRONOUS_IO_NONALERT, NULL, 0);
    if (!NT_SUCCESS(status)) {
        delete g_Ctx;
        IoFreeMdl(g_Mdl);
        ExFreePoolWithTag(g_Buffer, FLT_TAG);
        return status;
    }
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
