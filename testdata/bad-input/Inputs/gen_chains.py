#!/usr/bin/python3
"""gen_chains.py OUT KIND N: a dump filter whose Dump_Unload holds one long
chain: KIND 'elseif' (an if with N-1 else-if arms) or 'and' (an if whose
condition joins N comparisons with &&).  The filter itself is clean."""
import sys

out, kind, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(out, "w") as f:
    f.write("#include <ntddk.h>\n#include <ntdddump.h>\n\nstatic volatile ULONG g_Flags;\n\n")
    f.write("static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)\n{\n")
    f.write("    UNREFERENCED_PARAMETER(FilterExtension);\n")
    if kind == "elseif":
        f.write("    if (g_Flags == 0) g_Flags = 1;\n")
        for i in range(1, n):
            f.write("    else if (g_Flags == %d) g_Flags = %d;\n" % (i, i + 1))
    else:
        f.write("    if (" + " && ".join("g_Flags != %d" % i for i in range(n)) + ")\n        g_Flags = 0;\n")
    f.write("""    return STATUS_SUCCESS;
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
""")
