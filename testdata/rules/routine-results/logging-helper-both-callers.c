// RUN: %dumpcheck --verify %s
// The shape that used to give a false leak: a logging helper, called from
// the entry point and from Dump_Unload, opens the log into a local handle
// with ZwCreateFile and closes it unless `status != STATUS_SUCCESS`.
// ZwCreateFile returns STATUS_SUCCESS or an error, so no path keeps the
// handle; and a handle local to one call is never "acquired in the entry
// point" for the unload to release. The buffer the entry point keeps is
// released by the unload.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_TAG 'tlFD'

static PVOID g_Buffer;
static ULONG g_Lines;

static VOID FltLogLine(PCWSTR Path)
{
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES attributes;
    IO_STATUS_BLOCK iosb;
    HANDLE file;
    NTSTATUS status;

    RtlInitUnicodeString(&name, Path);
    InitializeObjectAttributes(&attributes, &name, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = ZwCreateFile(&file, FILE_APPEND_DATA | SYNCHRONIZE, &attributes, &iosb, NULL,
                          FILE_ATTRIBUTE_NORMAL, FILE_SHARE_READ, FILE_OPEN_IF,
                          FILE_SYNCHRONOUS_IO_NONALERT, NULL, 0);
    if (status != STATUS_SUCCESS)
        return;
    g_Lines++;
    ZwClose(file);
}

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    FltLogLine(L"\\SystemRoot\\dumpflt.log");
    if (g_Buffer != NULL)
        ExFreePoolWithTag(g_Buffer, FLT_TAG);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    FltLogLine(L"\\SystemRoot\\dumpflt.log");
    g_Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    if (g_Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
