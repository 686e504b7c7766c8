#!/usr/bin/python3
"""gen_deep_unload.py OUT KIND N: a dump filter whose Dump_Unload returns
STATUS_PENDING through an expression N levels deep without brackets
(KIND 'not': N logical negations; 'ternary': an N-arm ?: chain)."""
import sys

out, kind, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
if kind == "not":
    cond = "!" * (2 * (n // 2)) + "flag"
else:
    cond = "".join("flag == %d ? %d : " % (i, i) for i in range(n)) + "0"
with open(out, "w") as f:
    f.write("""#include <ntddk.h>
#include <ntdddump.h>

static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    int flag = (int)(ULONG_PTR)FilterExtension->DumpData;
    int deep = %s;
    UNREFERENCED_PARAMETER(deep);
    return STATUS_PENDING;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
""" % cond)
