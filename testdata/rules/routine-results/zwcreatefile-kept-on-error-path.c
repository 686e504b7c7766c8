// RUN: %dumpcheck --verify %s
// Must find: the same helper of Dump_Start, but the write that follows the
// open can fail, and that path returns without closing the handle kept in
// the global. The finding is the unload's, on the path where Dump_Start
// kept the handle.

#include <ntddk.h>
#include <ntdddump.h>

static HANDLE g_Log;

static VOID FltLogStart(VOID)
{
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES attributes;
    IO_STATUS_BLOCK iosb;
    NTSTATUS status;
    static CHAR line[] = "start\r\n";

    RtlInitUnicodeString(&name, L"\\SystemRoot\\dumpflt.log");
    InitializeObjectAttributes(&attributes, &name, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = ZwCreateFile(&g_Log, FILE_APPEND_DATA | SYNCHRONIZE, &attributes, &iosb, NULL,
                          FILE_ATTRIBUTE_NORMAL, FILE_SHARE_READ, FILE_OPEN_IF,
                          FILE_SYNCHRONOUS_IO_NONALERT, NULL, 0);
    if (status != STATUS_SUCCESS)
        return;
    status = ZwWriteFile(g_Log, NULL, NULL, NULL, &iosb, line, sizeof(line) - 1, NULL, NULL);
    if (!NT_SUCCESS(status))
        return;
    ZwClose(g_Log);
    g_Log = NULL;
}

static NTSTATUS FltDumpStart(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    FltLogStart();
    return STATUS_SUCCESS;
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS; // expected-warning{{kernel handle 'g_Log' acquired by ZwCreateFile in Dump_Start is not released on this path of Dump_Unload 'FltDumpUnload' [dump-unload-leak]}}
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpStart = FltDumpStart;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
