#!/usr/bin/env bash
# pg.sh - a private PostgreSQL 15 cluster in a directory of ours.
#
#   scripts/pg.sh start DIR   initdb on first use, start, create role and db
#   scripts/pg.sh stop DIR    stop it (no error when it is not running)
#   scripts/pg.sh env DIR     print export lines for LIEFLEED_DATABASE_URL
#   scripts/pg.sh url DIR     print the libpq connection string
#
# Unix socket only (listen_addresses=''), socket in DIR/run, nothing of the
# system's PostgreSQL service is touched. PostgreSQL refuses to run as root,
# so as root the cluster runs as the unprivileged 'postgres' user.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: pg.sh start|stop|restart|env|url|createdb DIR [NAME]" >&2; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data="$dir/data"
sock="$dir/run"
log="$dir/postgres.log"
db=liefleed
role=liefleed

pgbin=""
for v in 15 16 17; do
    if [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ]; then pgbin="/usr/lib/postgresql/$v/bin"; break; fi
done
[ -n "$pgbin" ] || { echo "pg.sh: PostgreSQL server not found; run scripts/deps.sh" >&2; exit 1; }

if [ "$(id -u)" = 0 ]; then
    owner=postgres
    as_owner() { runuser -u "$owner" -- "$@"; }
else
    owner=$(id -un)
    as_owner() { "$@"; }
fi

url() { echo "host=$sock dbname=$db user=$role"; }

psql_admin() {
    as_owner "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -d postgres "$@"
}

case "$cmd" in
start)
    if [ "$(id -u)" = 0 ]; then
        chown "$owner" "$dir"
        # the postgres user must be able to reach DIR through its parents
        p="$dir"
        while [ "$p" != / ]; do
            p=$(dirname "$p")
            [ -x "$p" ] || chmod o+x "$p"
            perm=$(stat -c %A "$p")
            [ "${perm:9:1}" = x ] || [ "${perm:9:1}" = t ] || chmod o+x "$p"
        done
    fi
    mkdir -p "$sock"
    [ "$(id -u)" = 0 ] && chown "$owner" "$sock"
    chmod 700 "$sock"
    if [ ! -f "$data/PG_VERSION" ]; then
        mkdir -p "$data"
        [ "$(id -u)" = 0 ] && chown "$owner" "$data"
        as_owner "$pgbin/initdb" -D "$data" --auth=trust --encoding=UTF8 \
            --locale=C.UTF-8 --username="$owner" >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
        cat >>"$data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$sock'
unix_socket_permissions = 0700
fsync = ${LIEFLEED_PG_FSYNC:-on}
max_connections = 200
log_min_messages = warning
CONF
    fi
    if ! as_owner "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        touch "$log"; [ "$(id -u)" = 0 ] && chown "$owner" "$log"
        as_owner "$pgbin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null \
            || { tail -20 "$log" >&2; exit 1; }
    fi
    if ! psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname='$role'" | grep -q 1; then
        psql_admin -c "CREATE ROLE $role LOGIN"
    fi
    if ! psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
        psql_admin -c "CREATE DATABASE $db OWNER $role ENCODING 'UTF8' TEMPLATE template0"
    fi
    ;;
stop)
    if [ -f "$data/PG_VERSION" ]; then
        as_owner "$pgbin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
createdb)
    # a further empty database in the same cluster, for tests: pg.sh createdb DIR NAME
    name=${3:?usage: pg.sh createdb DIR NAME}
    [[ "$name" =~ ^[a-z][a-z0-9_]*$ ]] || { echo "pg.sh: bad database name" >&2; exit 2; }
    psql_admin -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name OWNER $role ENCODING 'UTF8' TEMPLATE template0"
    echo "host=$sock dbname=$name user=$role"
    ;;
restart)
    as_owner "$pgbin/pg_ctl" -D "$data" -l "$log" -m fast -w restart >/dev/null
    ;;
env)
    echo "export LIEFLEED_DATABASE_URL='$(url)'"
    ;;
url)
    url
    ;;
*)
    echo "usage: pg.sh start|stop|restart|env|url DIR" >&2; exit 2 ;;
esac
