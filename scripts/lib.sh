# lib.sh - shared by test.sh and bench.sh: a throwaway PostgreSQL in a
# temporary directory, migrated, that is stopped and removed on exit.
# Usage: . scripts/lib.sh; throwaway_db_start BIN   (sets tmp and the env)

throwaway_db_start() {
    local bin=$1
    tmp=$(mktemp -d /tmp/liefleed-test.XXXXXX)
    trap throwaway_db_cleanup EXIT
    trap 'exit 130' INT TERM
    export LIEFLEED_PG_FSYNC=off
    scripts/pg.sh start "$tmp/pg" >/dev/null || return 1
    eval "$(scripts/pg.sh env "$tmp/pg")"
    export LIEFLEED_DATA_DIR="$tmp/data"
    export LIEFLEED_SHARED_DATA="${LIEFLEED_SHARED_DATA:-$(pwd)/../shared/data}"
    "$bin" migrate >"$tmp/migrate.log" 2>&1 || { cat "$tmp/migrate.log"; return 1; }
    "$bin" reference load "$LIEFLEED_SHARED_DATA" >"$tmp/reference.log" 2>&1 \
        || { cat "$tmp/reference.log"; return 1; }
}

throwaway_db_cleanup() {
    scripts/pg.sh stop "$tmp/pg" >/dev/null 2>&1
    [ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"
}
