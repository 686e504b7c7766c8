// RUN: %dumpcheck --verify %s
// Pending (round 2): the entry only ORs DUMP_FILTER_CRITICAL into Flags and
// never sets DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ, yet registers DumpRead.
// The crash-dump driver hands the filter a zeroed FILTER_INITIALIZATION_DATA
// (apart from MaxPagesPerWrite), so 'Flags |= constant' yields exactly that
// constant: the read callback is never called. Today the rule only judges
// plain assignments. Seen in a public dump filter ('Flags |= 0b1' followed by
// a DumpRead registration) and in mutants of the disk-encryption filters.

#include <ntddk.h>
#include <ntdddump.h>

static NTSTATUS PeekRead(PFILTER_EXTENSION FilterExtension, PLARGE_INTEGER DiskByteOffset, PMDL Mdl)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    UNREFERENCED_PARAMETER(DiskByteOffset);
    UNREFERENCED_PARAMETER(Mdl);
    return STATUS_SUCCESS;
}

static NTSTATUS PeekUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->Flags |= DUMP_FILTER_CRITICAL;
    init->DumpUnload = PeekUnload;
    init->DumpRead = PeekRead; // expected-warning{{DumpRead is registered but the system will never call it: Flags lacks DUMP_FILTER_FLAG_SYSTEM_SUPPORT_READ [dump-read-not-enabled]}}
    return STATUS_SUCCESS;
}
