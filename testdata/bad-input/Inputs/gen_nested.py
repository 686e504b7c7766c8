#!/usr/bin/python3
"""gen_nested.py OUT DEPTH: a dump filter whose Dump_Unload nests DEPTH blocks
(if statements, each with its own block) around its release."""
import sys

out, depth = sys.argv[1], int(sys.argv[2])
with open(out, "w") as f:
    f.write("#include <ntddk.h>\n#include <ntdddump.h>\n\n")
    f.write("static volatile ULONG g_Flags;\nstatic PVOID g_Buffer;\n\n")
    f.write("static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)\n{\n")
    f.write("    UNREFERENCED_PARAMETER(FilterExtension);\n")
    for i in range(depth):
        f.write("if (g_Flags != %d) {\n" % i)
    f.write("if (g_Buffer != NULL) ExFreePoolWithTag(g_Buffer, 'tlFD');\n")
    f.write("}\n" * depth)
    f.write("    return STATUS_SUCCESS;\n}\n\n")
    f.write("""NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;

    UNREFERENCED_PARAMETER(DriverObject);
    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FltDumpUnload;
    return STATUS_SUCCESS;
}
""")
