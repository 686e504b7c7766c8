#!/usr/bin/python3
"""unreadable.py DUMPCHECK DIR: makes DIR/filter.c (a valid dump filter)
unreadable and checks that dumpcheck says so and exits 2.

When the file stays readable after chmod 000 (the tests run as root, or on a
file system without permissions), there is nothing to test: the script then
only checks that dumpcheck does not crash on the file."""
import os
import subprocess
import sys

dumpcheck, folder = sys.argv[1], sys.argv[2]
path = os.path.join(folder, "filter.c")
with open(path, "w") as f:
    f.write("#include <ntddk.h>\n#include <ntdddump.h>\n"
            "static NTSTATUS U(PFILTER_EXTENSION e) { UNREFERENCED_PARAMETER(e); return STATUS_SUCCESS; }\n"
            "NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) {\n"
            "    PFILTER_INITIALIZATION_DATA i = (PFILTER_INITIALIZATION_DATA)r;\n"
            "    UNREFERENCED_PARAMETER(d);\n"
            "    i->MajorVersion = DUMP_FILTER_MAJOR_VERSION;\n"
            "    i->DumpUnload = U;\n"
            "    return STATUS_SUCCESS;\n}\n")
os.chmod(path, 0)
try:
    readable = os.access(path, os.R_OK)
    proc = subprocess.run([dumpcheck, path], capture_output=True, text=True, timeout=120)
finally:
    os.chmod(path, 0o644)
if proc.returncode < 0:
    sys.exit("dumpcheck crashed (signal %d)" % -proc.returncode)
if readable:
    print("file readable despite chmod 000: exit status %d, not a crash" % proc.returncode)
    sys.exit(0 if proc.returncode in (0, 1) else 1)
if proc.returncode != 2:
    sys.exit("expected exit status 2 for an unreadable file, got %d" % proc.returncode)
if "filter.c" not in proc.stderr:
    sys.exit("the message does not name the file: %r" % proc.stderr)
print("unreadable: exit 2, message names the file")
