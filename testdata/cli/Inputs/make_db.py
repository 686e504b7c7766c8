#!/usr/bin/python3
"""make_db.py [--command] DIRECTORY OUT FILE... [-- FLAGS...]: writes a
compile_commands.json with one entry per FILE (relative to DIRECTORY), the
compiler command carrying FLAGS, as 'arguments' lists (or 'command' strings)."""
import json
import shlex
import sys

args = sys.argv[1:]
use_command = args and args[0] == "--command"
if use_command:
    args = args[1:]
flags = []
if "--" in args:
    i = args.index("--")
    args, flags = args[:i], args[i + 1:]
directory, out, files = args[0], args[1], args[2:]
entries = []
for f in files:
    argv = ["clang", "--target=x86_64-w64-mingw32", "-fms-extensions", "-c"] + flags + [f, "-o", f + ".o"]
    e = {"directory": directory, "file": f}
    if use_command:
        e["command"] = " ".join(shlex.quote(a) for a in argv)
    else:
        e["arguments"] = argv
    entries.append(e)
with open(out, "w") as fp:
    json.dump(entries, fp, indent=2)
