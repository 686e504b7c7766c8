// RUN: %dumpcheck --verify %s
// Pending (round 2, a judgement call for the maintainers): the status is set
// only inside 'if (g_Buffer)'. The entry registers the unload only after the
// allocation succeeded, so dumpcheck carries "g_Buffer is not NULL" into the
// unload and prunes the path that returns the uninitialized 'status'. The
// guard shows the author expects the NULL case, compilers warn about it
// (MSVC C4701, clang -Wsometimes-uninitialized), and a later change to the
// entry (register first, allocate later) would make it live. Facts carried
// from the entry arguably should not hide an uninitialized return.
// The same code with the entry's NULL check removed is reported today.

#include <ntddk.h>
#include <ntdddump.h>

static PUCHAR g_Buffer;

static NTSTATUS GuardUnload(PFILTER_EXTENSION FilterExtension)
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FilterExtension);
    if (g_Buffer) {
        ExFreePoolWithTag(g_Buffer, 'dGuB');
        g_Buffer = NULL;
        status = STATUS_SUCCESS;
    }
    return status; // expected-warning{{returns 'status' on this path: it is never initialized on the way}}
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    g_Buffer = (PUCHAR)ExAllocatePoolWithTag(NonPagedPoolNx, PAGE_SIZE, 'dGuB');
    if (g_Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = GuardUnload;
    return STATUS_SUCCESS;
}
