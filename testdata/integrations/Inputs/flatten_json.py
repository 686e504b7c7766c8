#!/usr/bin/python3
"""Prints a JSON document as one `path = value` line per scalar, in document
order, so FileCheck can match JSON without caring about its layout.

  flatten_json.py FILE [PATH-PREFIX...]   (only paths starting with a prefix)
"""
import json
import sys


def walk(v, path, out):
    if isinstance(v, dict):
        for k, x in v.items():
            walk(x, "%s.%s" % (path, k) if path else k, out)
    elif isinstance(v, list):
        if not v:
            out.append((path, "[]"))
        for i, x in enumerate(v):
            walk(x, "%s[%d]" % (path, i), out)
    else:
        out.append((path, json.dumps(v, ensure_ascii=False)))


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    out = []
    walk(doc, "", out)
    prefixes = sys.argv[2:]
    for path, value in out:
        if not prefixes or any(path.startswith(p) for p in prefixes):
            print("%s = %s" % (path, value))


if __name__ == "__main__":
    main()
