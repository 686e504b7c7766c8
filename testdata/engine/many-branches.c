// RUN: %dumpcheck --verify %s
// Forty independent if statements before the release: 2^40 paths, which the
// engine must not enumerate (states are merged per property). The leak on the
// early-return path is still found, once.

#include <ntddk.h>
#include <ntdddump.h>

#define FLT_TAG 'tlFD'

static PVOID g_Buffer;
static volatile ULONG g_Flags[40];
static ULONG g_Count;

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Flags[0])
        g_Count += 1;
    if (g_Flags[1])
        g_Count += 2;
    if (g_Flags[2])
        g_Count += 3;
    if (g_Flags[3])
        g_Count += 4;
    if (g_Flags[4])
        g_Count += 5;
    if (g_Flags[5])
        g_Count += 6;
    if (g_Flags[6])
        g_Count += 7;
    if (g_Flags[7])
        g_Count += 8;
    if (g_Flags[8])
        g_Count += 9;
    if (g_Flags[9])
        g_Count += 10;
    if (g_Flags[10])
        g_Count += 11;
    if (g_Flags[11])
        g_Count += 12;
    if (g_Flags[12])
        g_Count += 13;
    if (g_Flags[13])
        g_Count += 14;
    if (g_Flags[14])
        g_Count += 15;
    if (g_Flags[15])
        g_Count += 16;
    if (g_Flags[16])
        g_Count += 17;
    if (g_Flags[17])
        g_Count += 18;
    if (g_Flags[18])
        g_Count += 19;
    if (g_Flags[19])
        g_Count += 20;
    if (g_Flags[20])
        g_Count += 21;
    if (g_Flags[21])
        g_Count += 22;
    if (g_Flags[22])
        g_Count += 23;
    if (g_Flags[23])
        g_Count += 24;
    if (g_Flags[24])
        g_Count += 25;
    if (g_Flags[25])
        g_Count += 26;
    if (g_Flags[26])
        g_Count += 27;
    if (g_Flags[27])
        g_Count += 28;
    if (g_Flags[28])
        g_Count += 29;
    if (g_Flags[29])
        g_Count += 30;
    if (g_Flags[30])
        g_Count += 31;
    if (g_Flags[31])
        g_Count += 32;
    if (g_Flags[32])
        g_Count += 33;
    if (g_Flags[33])
        g_Count += 34;
    if (g_Flags[34])
        g_Count += 35;
    if (g_Flags[35])
        g_Count += 36;
    if (g_Flags[36])
        g_Count += 37;
    if (g_Flags[37])
        g_Count += 38;
    if (g_Flags[38])
        g_Count += 39;
    if (g_Flags[39])
        g_Count += 40;
    if (g_Count == 7)
        return STATUS_UNSUCCESSFUL; // expected-warning{{'g_Buffer'}}
    ExFreePoolWithTag(g_Buffer, FLT_TAG);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, FLT_TAG);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
