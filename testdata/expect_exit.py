#!/usr/bin/env python3
"""Runs a command, passes its output through, and succeeds only if it exits
with the given status: `expect_exit.py 1 dumpcheck ...`."""
import subprocess
import sys

want = int(sys.argv[1])
proc = subprocess.run(sys.argv[2:])
if proc.returncode != want:
    sys.stderr.write("expected exit status %d, got %d: %s\n" % (want, proc.returncode, " ".join(sys.argv[2:])))
    sys.exit(1)
sys.exit(0)
