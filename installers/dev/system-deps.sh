#!/usr/bin/env bash
# Operating-system packages the development commands need, installed when missing.
# On Debian/Ubuntu as root they are installed with apt-get; otherwise the missing ones are
# named so a person can install them. Safe to run every time: it does nothing when all is there.
set -euo pipefail

missing=()
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
command -v make >/dev/null 2>&1 || missing+=(make)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "missing system packages: ${missing[*]} (install them, e.g. sudo apt-get install ${missing[*]})" >&2
    exit 1
fi
