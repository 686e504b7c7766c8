// RUN: %dumpcheck --list-callbacks %s | FileCheck %s
// RUN: %dumpcheck --verify %s
//
// A C++ filter: an extern "C" block with role declarations followed by full
// prototypes with SAL annotations (__in, __inout), callbacks defined in C++.
// CHECK: entry point: DriverEntry
// CHECK-DAG: {{^}}DumpStart{{ +}}FltDumpStart
// CHECK-DAG: {{^}}DumpWrite{{ +}}FltDumpWrite
// CHECK-DAG: {{^}}DumpUnload{{ +}}FltDumpUnload

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

#ifndef __in
#define __in
#endif
#ifndef __inout
#define __inout
#endif

extern "C" {
DRIVER_INITIALIZE DriverEntry;

DUMP_START  FltDumpStart;
DUMP_WRITE  FltDumpWrite;
DUMP_UNLOAD FltDumpUnload;

NTSTATUS FltDumpStart(__in PFILTER_EXTENSION FilterExtension);
NTSTATUS FltDumpWrite(__in PFILTER_EXTENSION FilterExtension, __in PLARGE_INTEGER DiskByteOffset, __inout PMDL Mdl);
NTSTATUS FltDumpUnload(__in PFILTER_EXTENSION FilterExtension);
}

namespace {
const ULONG FltTag = 'pCfD';

class WriteBuffer {
public:
    NTSTATUS Allocate(SIZE_T bytes)
    {
        m_buffer = ExAllocatePoolWithTag(NonPagedPoolNx, bytes, FltTag);
        return m_buffer != nullptr ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
    }
    PVOID Get() const { return m_buffer; }

private:
    PVOID m_buffer = nullptr;
};

WriteBuffer g_Buffer;
}

NTSTATUS FltDumpStart(__in PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS;
}

NTSTATUS FltDumpWrite(__in PFILTER_EXTENSION FilterExtension, __in PLARGE_INTEGER DiskByteOffset, __inout PMDL Mdl)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    UNREFERENCED_PARAMETER(DiskByteOffset);
    UNREFERENCED_PARAMETER(Mdl);
    return STATUS_SUCCESS;
}

NTSTATUS FltDumpUnload(__in PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS;
}

extern "C" NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    auto init = reinterpret_cast<PFILTER_INITIALIZATION_DATA>(RegistryPath);

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpStart = FltDumpStart;
    init->DumpWrite = FltDumpWrite;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
