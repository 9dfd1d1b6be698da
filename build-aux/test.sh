#!/bin/sh
# Sets up what is missing, builds SCMM Studio and runs the whole test suite:
#   1. build/       the normal build (warnings are errors): every test, the
#                   engine's and the UI's (the UI tests under xvfb-run);
#   2. build-asan/  everything with AddressSanitizer and UndefinedBehaviorSanitizer:
#                   the engine tests again (with leak detection), and the UI tests
#                   (memory errors and undefined behaviour; leaks are left to the
#                   tests' own finalization checks, as fontconfig and Mesa keep
#                   caches for the life of the process);
#   3. build-fuzz/  clang + libFuzzer + ASan: the fuzz harnesses of the .npy,
#                   EDF/BDF and corpus-store readers, 20 s each.
# Usage: build-aux/test.sh        (from anywhere; works on a fresh Debian 12)
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

"$here/build-aux/install-deps.sh"

if [ ! -f build/build.ninja ]; then
    meson setup build --werror -Dgui=enabled
fi
meson compile -C build
meson test -C build --print-errorlogs

if [ ! -f build-asan/build.ninja ]; then
    meson setup build-asan --werror -Dgui=enabled -Db_sanitize=address,undefined \
        -Db_lundef=false -Dbuildtype=debugoptimized
fi
meson compile -C build-asan
# allocator_may_return_null: a damaged HDF5 file (the fuzz test) may ask for an
# absurd allocation; HDF5 handles the NULL, ASan would abort instead.
# lsan.supp: HDF5 1.10 leaks some blocks of its own allocators when it gives
# up on a damaged file; those are not ours to fix (ours still show).
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1:fast_unwind_on_malloc=0 \
LSAN_OPTIONS=suppressions="$here/build-aux/lsan.supp":print_suppressions=0 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C build-asan --suite engine --print-errorlogs
# (three times the timeouts: a full demo run through the window, instrumented)
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C build-asan --suite ui --print-errorlogs --timeout-multiplier 3

if [ ! -f build-fuzz/build.ninja ]; then
    CC=clang meson setup build-fuzz -Dgui=disabled -Dfuzzers=true \
        -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link
fi
meson compile -C build-fuzz
ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1:fast_unwind_on_malloc=0 \
LSAN_OPTIONS=suppressions="$here/build-aux/lsan.supp":print_suppressions=0 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C build-fuzz --suite fuzz --print-errorlogs

echo "test.sh: all tests passed (normal, sanitizer and fuzzing builds)"
