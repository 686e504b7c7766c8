#!/usr/bin/python3
"""Checks drivers from their own build descriptions and prints the table of
docs/checking-your-driver.md: for each project file given (a .vcxproj, a
.sln, a WDK sources file, or a folder holding compile_commands.json), the
command, the files checked, the files that did not compile and why, and the
result. Fetches nothing: give the paths of sources already on disk.

  python3 bench/public_filters.py [--build DIR] [--name NAME=PATH ...] PATH...

Each run is cold (--no-cache) and uses nothing but the build description and
a .dumpcheck.yaml the tree itself holds.
"""
import argparse
import os
import re
import subprocess
import sys

ERROR = re.compile(r"^(?P<file>[^:\n]+\.(?:c|cpp|cc|cxx|h|hpp)):\d+:\d+: (?:fatal )?error: (?P<msg>.*)$")


def command_for(dumpcheck, path):
    if os.path.isdir(path):
        return [dumpcheck, "--no-cache", "-p", path]
    return [dumpcheck, "--no-cache", "--project=" + path]


def files_listed(dumpcheck, path):
    if os.path.isdir(path):
        return None
    r = subprocess.run([dumpcheck, "--dump-config", "--project=" + path], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, text=True)
    return sum(1 for line in r.stdout.splitlines() if line.startswith("  - file: ")) if r.returncode == 0 else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build"))
    ap.add_argument("--name", action="append", default=[], help="NAME=PATH: the row's name for PATH")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    dumpcheck = os.path.abspath(os.path.join(args.build, "dumpcheck"))
    names = dict(n.split("=", 1)[::-1] for n in args.name)
    print("| driver | command | files checked | files that did not compile (first error) | result |")
    print("|---|---|---|---|---|")
    for path in args.paths:
        cmd = command_for(dumpcheck, path)
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           cwd=os.path.dirname(os.path.abspath(path)))
        failed = {}
        for line in r.stderr.splitlines():
            m = ERROR.match(line)
            if m and m.group("file") not in failed:
                failed[m.group("file")] = m.group("msg")
        findings = re.search(r"^(\d+) findings?\.", r.stdout + r.stderr, re.M)
        not_compiled = re.search(r"(\d+) files? could not be compiled", r.stderr)
        if r.returncode == 0:
            result = "0: no finding"
        elif r.returncode == 1:
            result = "1: %s finding%s" % ((findings.group(1), "" if findings.group(1) == "1" else "s") if findings else ("?", "s"))
        else:
            last = [l for l in r.stderr.splitlines() if l.startswith("dumpcheck: error:")]
            result = "%d: %s" % (r.returncode, last[-1][len("dumpcheck: error: "):] if last else "cannot check")
        n = files_listed(dumpcheck, path)
        shown = " ".join(["dumpcheck"] + [a for a in cmd[1:] if a != "--no-cache"]).replace(os.path.dirname(os.path.abspath(path)) + "/", "")
        why = "; ".join("%s: %s" % (os.path.basename(f), msg.replace("|", "\\|")) for f, msg in sorted(failed.items()))
        print("| %s | `%s` | %s | %s | %s |" % (names.get(path, os.path.basename(os.path.dirname(os.path.abspath(path)))),
                                              shown.replace("|", "\\|"), n if n is not None else "?",
                                              "%s (first errors: %s)" % (not_compiled.group(1) if not_compiled else "?", why)
                                              if failed else "none", result.replace("|", "\\|")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
