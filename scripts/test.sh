#!/usr/bin/env bash
# test.sh - what `make test` does: build with AddressSanitizer and
# UndefinedBehaviorSanitizer, start a throwaway PostgreSQL in a temporary
# directory, migrate it, run every suite, stop the database whatever
# happened, and end with one line "N passed, N failed".
#
#   scripts/test.sh                 every suite
#   scripts/test.sh unit/test_html  only suites whose path contains this
set -uo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
filter=${1:-${TEST:-}}

# LIEFLEED_TEST_BUILD: another build directory, so parallel work does
# not race over one set of object files
export BUILD=${LIEFLEED_TEST_BUILD:-build/asan}
jobs=$(nproc 2>/dev/null || echo 2)
make -s -j"$jobs" BUILD=$BUILD SANITIZE=address,undefined all units >/dev/null \
    || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

. scripts/lib.sh
export LIEFLEED_BIN="$top/$BUILD/liefleed"
throwaway_db_start "$LIEFLEED_BIN" || { echo "0 passed, 1 failed"; exit 1; }
export LIEFLEED_TEST_TMP="$tmp"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=86}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export CMOCKA_MESSAGE_OUTPUT=TAP

passed=0
failed=0
failures=()

# Count TAP lines of one suite's output. Nested (indented) lines are
# subtests already summed up by their parent, so only column 0 counts.
count_tap() {
    local name=$1 out=$2 rc=$3 p f
    if [ ! -f "$out" ]; then
        # the harness itself broke (its directory vanished): never a pass
        echo "$name: no output" >&2
        failed=$((failed + 1))
        return
    fi
    p=$(grep -cE '^ok ' "$out" || true)
    f=$(grep -cE '^not ok ' "$out" || true)
    p=${p:-0}
    f=${f:-0}
    grep -E '^not ok ' "$out" | sed "s|^|  $name: |" >>"$tmp/failures.txt"
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "  $name: exited with status $rc" >>"$tmp/failures.txt"
    fi
    if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "  $name: ran no test" >>"$tmp/failures.txt"
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    printf '%-48s %4d passed %4d failed\n' "$name" "$p" "$f"
    if [ "$f" -gt 0 ]; then
        sed -n '1,200p' "$out" | grep -vE '^ok ' | tail -40 | sed 's/^/    | /'
    fi
}

run_suite() {
    local name=$1; shift
    case "$name" in *"$filter"*) ;; *) return ;; esac
    local out="$tmp/$(echo "$name" | tr '/' '_').out"
    "$@" >"$out" 2>&1
    count_tap "$name" "$out" $?
}

: >"$tmp/failures.txt"
for t in $BUILD/tests/unit/test_*; do
    [ -x "$t" ] && run_suite "unit/$(basename "$t")" "$t"
done
for t in $BUILD/tests/db/test_*; do
    [ -x "$t" ] && run_suite "db/$(basename "$t")" "$t"
done
for t in tests/cli/*.sh; do
    [ -f "$t" ] && run_suite "cli/$(basename "$t" .sh)" bash "$t"
done
for t in tests/integration/*.test.mjs; do
    [ -f "$t" ] && run_suite "integration/$(basename "$t" .test.mjs)" \
        node --test --test-reporter=tap --test-concurrency=1 "$t"
done
for t in tests/browser/*.test.mjs; do
    [ -f "$t" ] && run_suite "browser/$(basename "$t" .test.mjs)" \
        node --test --test-reporter=tap --test-concurrency=1 "$t"
done

# Static checks and a short run of every fuzz target, one TAP line each.
tap_of() { local n=$1; shift; if "$@" >"$tmp/tap.$n.log" 2>&1; then echo "ok 1 - $n"; else echo "not ok 1 - $n"; sed 's/^/# /' "$tmp/tap.$n.log"; fi; }
run_suite "lint/clang-format+cppcheck" tap_of lint scripts/lint.sh
fuzz_smoke() {
    local i=0 f name
    for f in tests/fuzz/fuzz_*.c; do
        name=$(basename "$f" .c); i=$((i + 1))
        if FUZZ_SECONDS=${FUZZ_SECONDS:-3} scripts/fuzz.sh "$name" >"$tmp/fuzz.$name.log" 2>&1 \
            && ! grep -qE 'ERROR|SUMMARY' "$tmp/fuzz.$name.log"; then
            echo "ok $i - $name"
        else
            echo "not ok $i - $name"; sed 's/^/# /' "$tmp/fuzz.$name.log" | tail -30
        fi
    done
}
run_suite "fuzz/smoke" fuzz_smoke

if [ -s "$tmp/failures.txt" ]; then
    echo
    echo "Failures:"
    cat "$tmp/failures.txt"
fi
if [ ! -d "$tmp" ]; then
    echo "the test directory $tmp disappeared during the run" >&2
    failed=$((failed + 1))
fi
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
