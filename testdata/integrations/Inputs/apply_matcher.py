#!/usr/bin/python3
"""Applies a GitHub Actions problem matcher (single-line patterns) to a
text, as the runner does, and prints what each match captured.

  apply_matcher.py MATCHER.json TEXT-FILE

GitHub evaluates the patterns with JavaScript regular expressions; the ones
in docs/dumpcheck-problem-matcher.json use only syntax that JavaScript and
Python's `re` read alike.
"""
import json
import re
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        matchers = json.load(f)["problemMatcher"]
    with open(sys.argv[2], encoding="utf-8") as f:
        lines = f.read().splitlines()
    for line in lines:
        for m in matchers:
            if len(m["pattern"]) != 1:
                sys.exit("multi-line patterns are not supported here")
            p = m["pattern"][0]
            g = re.match(p["regexp"], line)
            if not g:
                continue

            def field(name):
                return g.group(p[name]) if name in p else None

            sev = field("severity") or m.get("severity", "error")
            print("owner=%s file=%s line=%s column=%s severity=%s code=%s message=%s" % (
                m["owner"], field("file"), field("line"), field("column"), sev, field("code"), field("message")))
            break


if __name__ == "__main__":
    main()
