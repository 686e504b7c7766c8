#!/usr/bin/python3
"""Sets up a pre-commit test, offline: a hook repository holding the given
.pre-commit-hooks.yaml (a git repository, as pre-commit requires), and a work
repository whose .pre-commit-config.yaml uses its `dumpcheck` hook by commit
id, with the git hook installed.

  precommit_setup.py HOOKS-YAML DIR     (creates DIR/hooks and DIR/work)

Run it with PRE_COMMIT_HOME pointing to a temporary folder.
"""
import os
import shutil
import subprocess
import sys

GIT = ["git", "-c", "user.name=dumpcheck tests", "-c", "user.email=tests@dumpcheck.invalid",
       "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]


def run(cmd, cwd):
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.exit("%s failed:\n%s" % (" ".join(cmd), r.stdout))
    return r.stdout


def main():
    hooks_yaml, top = sys.argv[1], os.path.abspath(sys.argv[2])
    hooks, work = os.path.join(top, "hooks"), os.path.join(top, "work")
    for d in (hooks, work):
        os.makedirs(d)
        run(GIT + ["init", "-q"], d)
    shutil.copy(hooks_yaml, os.path.join(hooks, ".pre-commit-hooks.yaml"))
    run(GIT + ["add", ".pre-commit-hooks.yaml"], hooks)
    run(GIT + ["commit", "-q", "-m", "hooks"], hooks)
    rev = run(["git", "rev-parse", "HEAD"], hooks).strip()
    with open(os.path.join(work, ".pre-commit-config.yaml"), "w", encoding="utf-8") as f:
        f.write("repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: dumpcheck\n" % (hooks, rev))
    run(GIT + ["add", ".pre-commit-config.yaml"], work)
    run(GIT + ["commit", "-q", "-m", "pre-commit configuration"], work)
    run(["/usr/bin/pre-commit", "install"], work)
    print("pre-commit set up in %s" % work)


if __name__ == "__main__":
    main()
