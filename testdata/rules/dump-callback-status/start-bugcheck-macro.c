// RUN: %dumpcheck --verify %s
// Not a finding: Dump_Start and Dump_Write stop the machine through a project
// bug-check macro (KeBugCheckEx, no return) when an indirect call fails; the
// return that follows sees exactly STATUS_SUCCESS.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#define FLT_BUGCHECK(code, p1, p2) \
    KeBugCheckEx(0xDEAD0000 | (code), (ULONG_PTR)(p1), (ULONG_PTR)(p2), 0, 0)

typedef NTSTATUS (*FLT_CIPHER)(PVOID Key, PMDL Mdl);

static FLT_CIPHER g_Cipher;
static PVOID g_Key;

static NTSTATUS FltDumpStart(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS st;

    UNREFERENCED_PARAMETER(FilterExtension);
    st = g_Cipher(g_Key, NULL);
    if (st != STATUS_SUCCESS)
        FLT_BUGCHECK(1, st, 0);
    return st;
}

static NTSTATUS FltDumpWrite(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    NTSTATUS st;

    UNREFERENCED_PARAMETER(FilterExtension);
    st = g_Cipher(g_Key, Mdl);
    if (st != STATUS_SUCCESS)
        FLT_BUGCHECK(2, st, DiskByteOffset->QuadPart);
    return st;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpStart = FltDumpStart;
    init->DumpWrite = FltDumpWrite;
    return STATUS_SUCCESS;
}
