#!/usr/bin/python3
"""Checks that every option named in `dumpcheck --help` appears in the man
page source.

  check_manpage.py HELP-TEXT MAN-PAGE
"""
import re
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    help_text = f.read()
with open(sys.argv[2], encoding="utf-8") as f:
    # groff spells '-' as '\-' in option names.
    page = f.read().replace("\\-", "-").replace("\\fB", "").replace("\\fR", "").replace("\\fI", "")

options = sorted(set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", help_text)))
missing = [o for o in options if o not in page]
for o in missing:
    print("missing from the man page: %s" % o)
if missing:
    sys.exit(1)
print("every option of --help is in the man page (%d)" % len(options))
