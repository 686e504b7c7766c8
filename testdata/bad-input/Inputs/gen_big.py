#!/usr/bin/python3
"""gen_big.py OUT KIND: writes a dump filter of about 10 MB to OUT.

KIND 'functions': some 150,000 small analysed functions before the filter;
KIND 'table': one 10 MB constant table.  The filter's Dump_Unload returns
STATUS_PENDING, so a complete run reports exactly one dump-unload-status."""
import sys
out, kind = sys.argv[1], sys.argv[2]
target = 10 * 1024 * 1024
with open(out, "w") as f:
    f.write("#include <ntddk.h>\n#include <ntdddump.h>\n\n")
    n = 0
    size = 0
    if kind == "functions":
        while size < target:
            s = "ULONG FltMix%d(ULONG x)\n{\n    if (x & %d)\n        return x * %du + 1;\n    return x ^ 0x%08xu;\n}\n\n" % (n, (n % 31) + 1, n + 3, (n * 2654435761) & 0xffffffff)
            f.write(s); size += len(s); n += 1
    else:
        f.write("const UCHAR FltTable[] = {\n")
        line = ", ".join("0x%02x" % (i % 256) for i in range(16)) + ",\n"
        while size < target:
            f.write(line); size += len(line)
        f.write("};\n\n")
    f.write("""static NTSTATUS FltDumpUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
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
""")
