#!/usr/bin/env bash
# Operating-system packages the development commands need, installed when missing.
# On Debian/Ubuntu as root they are installed with apt-get; otherwise the missing ones are
# named so a person can install them. Safe to run every time: it does nothing when all is there.
#   python3-venv   the project's virtual environment
#   xvfb, xauth    a virtual screen for the HMI's screenshots and GUI tests
#   libegl1 ...    the shared libraries Qt 6 (PySide6) loads, even on the offscreen platform
#   poppler-utils  pdftoppm, to render the PDF reports to PNG and look at them
set -euo pipefail

packages=(python3-venv make xvfb xauth libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3
          libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
          libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0
          fonts-dejavu-core poppler-utils)

have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "not a Debian/Ubuntu system: make sure these (or their equivalents) are installed: ${packages[*]}" >&2
    exit 0
fi

missing=()
for p in "${packages[@]}"; do
    if [ "$p" = python3-venv ]; then
        python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=("$p")
    else
        have "$p" || missing+=("$p")
    fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "missing system packages: ${missing[*]}" >&2
    echo "install them, e.g.: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
