// RUN: %dumpcheck --verify %s
// A status read from a `static const` table indexed by a known constant is
// evaluated: Dump_Start returns the table's STATUS_PENDING entry (found);
// Dump_Finish returns its STATUS_SUCCESS entry and Dump_Write its error
// entry (fine).

#include <ntddk.h>
#include <ntdddump.h>

enum FLT_STAGE { StageReady, StageBusy, StageBroken, StageCount };

static const NTSTATUS g_StageStatus[StageCount] = {
    STATUS_SUCCESS,
    STATUS_PENDING,
    STATUS_DEVICE_NOT_READY,
};

static NTSTATUS FltDumpStart(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return g_StageStatus[StageBusy]; // expected-warning{{STATUS_PENDING, 0x00000103) on this path: a success code other than STATUS_SUCCESS; it must return STATUS_SUCCESS or an error status of ntstatus.h [dump-callback-status]}}
}

static NTSTATUS FltDumpWrite(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    UNREFERENCED_PARAMETER(DiskByteOffset);
    UNREFERENCED_PARAMETER(Mdl);
    return g_StageStatus[StageBroken];
}

static NTSTATUS FltDumpFinish(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return g_StageStatus[StageReady];
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpStart = FltDumpStart;
    init->DumpWrite = FltDumpWrite;
    init->DumpFinish = FltDumpFinish;
    return STATUS_SUCCESS;
}
