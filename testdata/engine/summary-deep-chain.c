// RUN: %dumpcheck --verify %s
// Helpers nested deeper than the engine follows calls: past that depth a
// call is answered by the callee's bottom-up summary, so a conforming chain
// stays silent (no "cannot prove" note) and a bad one is still found.

#include <ntddk.h>
#include <ntdddump.h>

static NTSTATUS L8(ULONG x) { return x ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL; }
static NTSTATUS L7(ULONG x) { return L8(x); }
static NTSTATUS L6(ULONG x) { return L7(x); }
static NTSTATUS L5(ULONG x) { return L6(x); }
static NTSTATUS L4(ULONG x) { return L5(x); }
static NTSTATUS L3(ULONG x) { return L4(x); }
static NTSTATUS L2(ULONG x) { return L3(x); }
static NTSTATUS L1(ULONG x) { return L2(x); }

static NTSTATUS B8(ULONG x) { return x ? STATUS_SUCCESS : STATUS_MORE_ENTRIES; }
static NTSTATUS B7(ULONG x) { return B8(x); }
static NTSTATUS B6(ULONG x) { return B7(x); }
static NTSTATUS B5(ULONG x) { return B6(x); }
static NTSTATUS B4(ULONG x) { return B5(x); }
static NTSTATUS B3(ULONG x) { return B4(x); }
static NTSTATUS B2(ULONG x) { return B3(x); }
static NTSTATUS B1(ULONG x) { return B2(x); }

static ULONG g_Mode;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Mode == 1)
        return L1(g_Mode);
    return B1(g_Mode); // expected-warning{{returns STATUS_MORE_ENTRIES (0x00000105) on this path}}
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA data = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    UNREFERENCED_PARAMETER(DriverObject);
    data->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
