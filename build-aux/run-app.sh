#!/bin/sh
# Sets up what is missing, builds SCMM Studio and starts it on its built-in
# demo data. Extra arguments go to scmm-studio.
# Usage: build-aux/run-app.sh     (from anywhere; works on a fresh Debian 12)
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

"$here/build-aux/install-deps.sh"

if [ ! -f build/build.ninja ]; then
    meson setup build -Dgui=enabled
fi
meson compile -C build

# The settings schema is compiled into the build folder, not installed.
export GSETTINGS_SCHEMA_DIR="$here/build/resources"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run-app.sh: no display (DISPLAY and WAYLAND_DISPLAY are unset); starting under xvfb-run," >&2
    echo "            which shows nothing. Run this from a desktop session to see the window." >&2
    # No session bus there either: keep the accessibility bridge from
    # warning that it cannot reach one.
    export GTK_A11Y=none
    exec xvfb-run -a -s "-screen 0 1920x1080x24" "$here/build/app/scmm-studio" "$@"
fi
exec "$here/build/app/scmm-studio" "$@"
