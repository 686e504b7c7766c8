#!/usr/bin/python3
"""Validates a SARIF log twice: with Microsoft's SARIF multitool (installed
into the build folder by ../setup-sarif-validator.sh when missing) and
against the SARIF 2.1.0 JSON schema shipped in the same package, with
python3-jsonschema.

  validate_sarif.py BUILD-DIR LOG

The multitool's `validate` exits 0 even when the log is invalid, and a log it
cannot read at all (a schema violation) yields no results: so its output is
read back, it must hold no result of level "error", and it must hold at least
one result (the notes it always has for a log it understood, such as
SARIF2009 for rule ids that are not PascalCase).
"""
import json
import os
import subprocess
import sys


def main():
    build, log = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    setup = os.path.join(os.path.dirname(here), "setup-sarif-validator.sh")
    r = subprocess.run(["sh", setup, build], stdout=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit("cannot install the SARIF multitool (see above)")
    tool = os.path.abspath(r.stdout.strip().splitlines()[-1])
    schema = os.path.join(os.path.dirname(tool), "sarif-2.1.0.json")
    ok = True

    out = log + ".validation.sarif"
    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1", DOTNET_CLI_TELEMETRY_OPTOUT="1")
    r = subprocess.run([tool, "validate", log, "-o", out, "--log", "ForceOverwrite",
                        "--level", "Error;Warning;Note"], env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        print(r.stdout)
        sys.exit("the SARIF multitool failed (exit %d)" % r.returncode)
    with open(out, encoding="utf-8-sig") as f:
        results = [res for run in json.load(f)["runs"] for res in run.get("results", [])]
    errors = [res for res in results if res.get("level") == "error"]
    warnings = [res for res in results if res.get("level") == "warning"]
    for res in errors + warnings:
        m = res.get("message", {})
        print("multitool %s %s: %s" % (res.get("level"), res.get("ruleId"),
                                       m.get("text") or json.dumps(m.get("arguments"))))
    if not results:
        print("multitool: no results at all: it could not read the log")
        ok = False
    print("multitool: %d errors" % len(errors))
    ok = ok and not errors

    import jsonschema
    with open(schema, encoding="utf-8-sig") as f:
        s = json.load(f)
    with open(log, encoding="utf-8") as f:
        doc = json.load(f)
    cls = jsonschema.validators.validator_for(s, default=jsonschema.Draft7Validator)
    problems = sorted(cls(s).iter_errors(doc), key=lambda e: [str(p) for p in e.path])
    for e in problems:
        print("schema: %s: %s" % ("/".join(str(p) for p in e.path), e.message))
    print("schema: %s" % ("valid" if not problems else "%d errors" % len(problems)))
    ok = ok and not problems
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
