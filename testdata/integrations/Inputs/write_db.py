#!/usr/bin/python3
"""Writes a compile_commands.json for the given sources (plain `cc -c FILE`
commands: dumpcheck adds its Windows kernel defaults).

  write_db.py OUT.json SOURCE...
"""
import json
import os
import sys

out, sources = sys.argv[1], sys.argv[2:]
entries = [{"directory": os.path.dirname(os.path.abspath(s)), "file": os.path.abspath(s),
            "arguments": ["cc", "-c", os.path.abspath(s)]} for s in sources]
with open(out, "w", encoding="utf-8") as f:
    json.dump(entries, f, indent=1)
