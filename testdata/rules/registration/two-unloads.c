// RUN: %dumpcheck --list-callbacks %s | FileCheck %s
// RUN: not %dumpcheck --verify=bad %s
// Two different functions registered as DumpUnload on two paths: both are
// listed and both are checked (each has a status bug of its own).
// CHECK-DAG: {{^}}DumpUnload{{ +}}FltCrashUnload
// CHECK-DAG: {{^}}DumpUnload{{ +}}FltHiberUnload
// The verify prefix 'fix' expects both findings; 'bad' (only one) must fail.
// RUN: not %dumpcheck %s
// RUN: %dumpcheck --verify=fix %s

#include <ntddk.h>
#include <ntdddump.h>

static NTSTATUS FltCrashUnload(PFILTER_EXTENSION Ext)
{
    UNREFERENCED_PARAMETER(Ext);
    return STATUS_PENDING; // fix-warning{{'FltCrashUnload'}} bad-warning{{'FltCrashUnload'}}
}

static NTSTATUS FltHiberUnload(PFILTER_EXTENSION Ext)
{
    UNREFERENCED_PARAMETER(Ext);
    return TRUE; // fix-warning{{'FltHiberUnload'}}
}

NTSTATUS FltDumpEntry(PFILTER_EXTENSION Ext, PFILTER_INITIALIZATION_DATA Data)
{
    Data->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    Data->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    if (Ext->DumpType == DumpTypeHibernation)
        Data->DumpUnload = FltHiberUnload;
    else
        Data->DumpUnload = FltCrashUnload;
    return STATUS_SUCCESS;
}
