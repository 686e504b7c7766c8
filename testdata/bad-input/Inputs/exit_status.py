#!/usr/bin/python3
"""Runs a command, passes its stdout and stderr through, and succeeds only if
its exit status is one of the allowed ones.

  exit_status.py STATUS[,STATUS...] COMMAND [ARGS...]

A death by signal (a crash) never matches: Python reports it as a negative
status.  The command is killed after 120 seconds (a hang is a failure too).
"""
import subprocess
import sys

allowed = {int(s) for s in sys.argv[1].split(",")}
try:
    proc = subprocess.run(sys.argv[2:], timeout=120)
except subprocess.TimeoutExpired:
    sys.stderr.write("exit_status.py: timed out: %s\n" % " ".join(sys.argv[2:]))
    sys.exit(1)
if proc.returncode not in allowed:
    sys.stderr.write("exit_status.py: exit status %d, expected %s: %s\n"
                     % (proc.returncode, sorted(allowed), " ".join(sys.argv[2:])))
    sys.exit(1)
