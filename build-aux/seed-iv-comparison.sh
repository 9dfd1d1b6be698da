#!/bin/sh
# The real result of docs/results/seed-iv-cross-subject.md, with one command:
# SEED-IV session 1, pre-train on subjects 1-10, fine-tune each of subjects 11-15 on
# trials 1-16 and test on 17-24, honest model selection (the last epoch); SCMM and
# every baseline (docs/examples/comparison.ini).
# Usage: build-aux/seed-iv-comparison.sh [SEED_IV_FEATURE_FOLDER] [WORK_DIR]
#   SEED_IV_FEATURE_FOLDER  SEED_IV/eeg_feature_smooth (default: ../shared/data/seed-iv/eeg_feature_smooth)
#   WORK_DIR                where the store and the run go (default: build/seed-iv-comparison)
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
source_dir=${1:-$here/../shared/data/seed-iv/eeg_feature_smooth}
work=${2:-$here/build/seed-iv-comparison}
scmm="$here/build/app/scmm"
[ -x "$scmm" ] || { echo "seed-iv-comparison.sh: build first (build-aux/test.sh, or meson setup build && meson compile -C build)" >&2; exit 1; }
[ -d "$source_dir" ] || { echo "seed-iv-comparison.sh: $source_dir: no SEED-IV features there" >&2; exit 1; }

mkdir -p "$work"
started=$(date +%s)
"$scmm" import "$source_dir" --out "$work/seed-iv.h5" --force
sed "s|^corpus = seed-iv.h5$|corpus = $work/seed-iv.h5|" "$here/docs/examples/comparison.ini" > "$work/comparison.ini"
rm -rf "$work/run"
"$scmm" run "$work/comparison.ini" --out "$work/run"
finished=$(date +%s)

{
    cat "$work/run/results.md"
    echo
    echo "Produced by \`build-aux/seed-iv-comparison.sh\` in $((finished - started)) s on $(nproc) cores"
    echo "($(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'));"
    echo "the run folder's record.json has the program version, seed and corpus fingerprint."
} > "$here/docs/results/seed-iv-cross-subject.md"
echo "seed-iv-comparison.sh: written docs/results/seed-iv-cross-subject.md ($((finished - started)) s)"
