#!/bin/sh
# Installs Microsoft's SARIF multitool (npm @microsoft/sarif-multitool) into
# BUILD-DIR/sarif-validator when it is not there yet, and prints the path of
# its Linux binary. The SARIF tests run it to validate dumpcheck's output.
#
#   testdata/integrations/setup-sarif-validator.sh BUILD-DIR
#
# Safe to run concurrently (an flock guards the install) and a no-op once the
# binary is present. Needs npm and access to the npm registry the first time.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD-DIR" >&2
    exit 2
fi
build=$1
version=${SARIF_MULTITOOL_VERSION:-5.7.0}
dir="$build/sarif-validator"
bin="$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
schema="$dir/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json"

present() {
    [ -x "$bin" ] && [ -f "$schema" ]
}

if ! present; then
    mkdir -p "$dir"
    exec 9>"$dir/.lock"
    if command -v flock >/dev/null 2>&1; then
        flock 9
    fi
    if ! present; then
        if ! command -v npm >/dev/null 2>&1; then
            echo "$0: npm not found: install nodejs and npm (Debian: apt-get install npm)" >&2
            exit 1
        fi
        [ -f "$dir/package.json" ] || printf '{ "name": "dumpcheck-sarif-validator", "private": true }\n' >"$dir/package.json"
        echo "$0: installing @microsoft/sarif-multitool@$version into $dir" >&2
        npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
            "@microsoft/sarif-multitool@$version" >&2
        if ! present; then
            echo "$0: npm install finished but $bin or $schema is missing" >&2
            exit 1
        fi
    fi
fi
echo "$bin"
