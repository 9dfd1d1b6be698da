#!/bin/sh
# The benchmarks, each a median of several runs, printed as one line each:
#   pretrain-step ...   `scmm bench` (batch 256, C 62; sgemm measured in the same run)
#   import-seed-iv ...  importing the 15 SEED-IV session-1 files of ../shared/data
#                       (skipped when they are absent), median of 5
#   demo-corpora ...    generating both built-in demo corpora, median of 5
#   ui-frames ...       the application's frame intervals (p50, p99) with the window
#   ui-responsiveness   idle and while the demo run trains, under Xvfb, median of 3
#                       (skipped when the GUI is not built)
#   heatmap-fps ...     a 512 x 512 similarity heatmap updated every frame for 10 s
#                       while the demo run trains, OpenGL path and cairo fallback
#                       alternating, median of 3 runs of each (frame-interval
#                       p50/p90/p99 and fps of each; skipped when the GUI is
#                       not built)
# Usage: build-aux/bench.sh [BUILD_DIR]   (default: build; build it first)
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
scmm="$build/app/scmm"
[ -x "$scmm" ] || { echo "bench.sh: $scmm is not built (run build-aux/test.sh or meson compile -C build)" >&2; exit 1; }

median () {
    sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

now_ms () {
    date +%s%N | awk '{ printf "%.1f\n", $1 / 1e6 }'
}

"$scmm" bench --steps 30 | tail -n 1

seed_iv="$here/../shared/data/seed-iv/eeg_feature_smooth"
if [ -d "$seed_iv" ]; then
    tmp=$(mktemp -d)
    for i in 1 2 3 4 5; do
        t0=$(now_ms)
        "$scmm" import "$seed_iv" --out "$tmp/seed-iv.h5" --force > /dev/null
        t1=$(now_ms)
        awk "BEGIN { print $t1 - $t0 }"
    done | median | awk '{ printf "import-seed-iv median_s=%.3f files=15\n", $1 / 1000 }'
    rm -rf "$tmp"
else
    echo "import-seed-iv skipped: $seed_iv is absent"
fi

for i in 1 2 3 4 5; do
    t0=$(now_ms)
    "$scmm" info demo:seed > /dev/null
    "$scmm" info demo:deap > /dev/null
    t1=$(now_ms)
    awk "BEGIN { print $t1 - $t0 }"
done | median | awk '{ printf "demo-corpora median_s=%.3f (both, generated and summarised by two scmm processes)\n", $1 / 1000 }'

responsiveness="$build/tests/ui/bench-responsiveness"
if [ -x "$responsiveness" ]; then
    GSETTINGS_SCHEMA_DIR="$build/resources" GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1 \
        xvfb-run -a -s "-screen 0 1920x1080x24" "$responsiveness" --runs 3
else
    echo "ui-responsiveness skipped: $responsiveness is not built (meson setup -Dgui=enabled)"
fi

heatmap="$build/tests/ui/bench-heatmap"
if [ -x "$heatmap" ]; then
    GSETTINGS_SCHEMA_DIR="$build/resources" GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1 \
        xvfb-run -a -s "-screen 0 1920x1080x24" "$heatmap" --runs 3 2>/dev/null | grep -E '^heatmap-'
else
    echo "heatmap-fps skipped: $heatmap is not built (meson setup -Dgui=enabled)"
fi
