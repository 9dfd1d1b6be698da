#!/bin/sh
# Installs the Debian 12 packages SCMM Studio needs to build, run and test,
# skipping those already installed. Run as root, or with sudo available.
set -eu

PACKAGES="
gcc
meson
ninja-build
pkg-config
libglib2.0-dev
libgtk-4-dev
libgtk-4-bin
libx11-dev
libxtst6
librsvg2-common
libxml2-utils
desktop-file-utils
appstream
python3
libepoxy-dev
libopenblas-dev
libhdf5-dev
libmatio-dev
xvfb
xauth
libgl1-mesa-dri
clang
libclang-rt-14-dev
"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
    exit 0
fi

echo "install-deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
else
    SUDO="sudo"
fi
$SUDO apt-get update -q
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
