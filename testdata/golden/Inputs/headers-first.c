/* The rule pack's ntdddump.h included before the kernel headers, without
   the compatibility header: it must pull in what it needs itself. */
#include <ntdddump.h>
#include <ntddk.h>

DUMP_START HdrStart;
DUMP_WRITE HdrWrite;
DUMP_FINISH HdrFinish;
DUMP_UNLOAD HdrUnload;
DUMP_READ HdrRead;

NTSTATUS HdrStart(PFILTER_EXTENSION FilterExtension)
{
    return FilterExtension->DumpType == DumpTypeHibernation ? STATUS_SUCCESS
                                                            : STATUS_NOT_SUPPORTED;
}

NTSTATUS HdrWrite(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    if (DiskByteOffset->QuadPart >= FilterExtension->DiskSize.QuadPart || Mdl == NULL)
        return STATUS_INVALID_PARAMETER;
    return FilterExtension->Geometry.BytesPerSector != 0 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

NTSTATUS HdrFinish(PFILTER_EXTENSION FilterExtension)
{
    return FilterExtension->PartitionInfo.PartitionStyle == PARTITION_STYLE_GPT ? STATUS_SUCCESS
                                                                               : STATUS_SUCCESS;
}

NTSTATUS HdrUnload(PFILTER_EXTENSION FilterExtension)
{
    FilterExtension->DumpData = NULL;
    return STATUS_SUCCESS;
}

NTSTATUS HdrRead(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    (void)DiskByteOffset;
    (void)Mdl;
    return FilterExtension->DeviceObject != NULL ? STATUS_SUCCESS : STATUS_NO_SUCH_DEVICE;
}

void HdrRegister(PFILTER_INITIALIZATION_DATA InitData)
{
    PDUMP_START start = HdrStart;
    PDUMP_WRITE write = HdrWrite;
    PDUMP_FINISH finish = HdrFinish;
    PDUMP_UNLOAD unload = HdrUnload;
    PDUMP_READ read = HdrRead;

    InitData->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    InitData->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    InitData->DumpStart = start;
    InitData->DumpWrite = write;
    InitData->DumpFinish = finish;
    InitData->DumpUnload = unload;
    InitData->DumpRead = read;
    InitData->DumpData = NULL;
    InitData->MaxPagesPerWrite = 16;
    InitData->Flags = DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ | DUMP_FILTER_CRITICAL;
    (void)DUMP_FILTER_MAJOR_VERSION_1;
    (void)DumpTypeUndefined;
    (void)DumpTypeCrashdump;
}
