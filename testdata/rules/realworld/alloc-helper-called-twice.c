// RUN: %dumpcheck --verify %s
// An allocation wrapper called twice on one path gives two live blocks; each
// is freed once. Correct code. dumpcheck reported a double release: both
// blocks were the same abstract object (one per acquiring call site, the
// ExAllocatePoolWithTag inside the wrapper), so the second free looked like a
// second release of the first block. Seen in a disk-encryption driver's
// DriverEntry, whose registry-reading helper is called again (through another
// helper) while the first value it returned is still held.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static PVOID AllocScratch(SIZE_T Size)
{
    return ExAllocatePoolWithTag(NonPagedPool, Size, 'rcSD');
}

static NTSTATUS FilterUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PVOID first, second;

    UNREFERENCED_PARAMETER(DriverObject);
    first = AllocScratch(128);
    second = AllocScratch(64);
    if (first)
        ExFreePoolWithTag(first, 'rcSD');
    if (second)
        ExFreePoolWithTag(second, 'rcSD');

    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FilterUnload;
    return STATUS_SUCCESS;
}
