#!/usr/bin/env bash
# lint.sh - what `make lint` does: cppcheck, the clang-format check, and a
# grep for functions we do not use (unbounded or unchecked C string calls).
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
files=$(git ls-files '*.c' '*.h' 2>/dev/null; git ls-files --others --exclude-standard '*.c' '*.h' 2>/dev/null)
files=$(echo "$files" | sort -u | grep -v '^$')

echo "lint: clang-format"
bad=$(for f in $files; do clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || echo "$f"; done)
if [ -n "$bad" ]; then echo "not formatted (run make format):"; echo "$bad" | sed 's/^/  /'; status=1; fi

echo "lint: cppcheck"
if ! cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,portability,performance \
    --inline-suppr --suppress=missingIncludeSystem \
    -Ibackend -Ireports -Itests -D__GNUC__ backend reports tests/unit tests/db tests/fuzz tests/bench 2>&1; then
    status=1
fi

echo "lint: banned functions"
if grep -nE '\b(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|sscanf|gets)\s*\(' \
    $(echo "$files" | grep -E '^(backend|reports)/') ; then
    echo "use snprintf, memcpy with a length, strtol/strtoul with checks"
    status=1
fi
[ $status -eq 0 ] && echo "lint: clean"
exit $status
