#!/usr/bin/env bash
# bench.sh - what `make bench` does, in two parts, each beside a bare
# baseline measured in the same run and printed as a ratio:
#
# http     requests per second and p99 latency of liefleed's / and
#          /healthz, beside a bare libmicrohttpd server serving a page of
#          the same size (tests/bench/bare_server.c);
# finance  rows per second of (a) `liefleed batch create` for BENCH_PAYOUTS
#          payouts end to end (state changes, the three files, storage) and
#          (b) `liefleed batch import` of its result file (every row
#          betaald), beside the bare limit: libpq in single-row mode
#          streaming the same rows into libcsv (tests/bench/bare_csv.c).
#          Target: at least 25% of the bare rows per second end to end.
#
#   BENCH_SECONDS=5 BENCH_CONNECTIONS=32 BENCH_PAYOUTS=10000 make bench
#   BENCH_PARTS=finance scripts/bench.sh       only one part
#   BUILD=build/mine scripts/bench.sh          another build directory
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${BENCH_SECONDS:-5}
conns=${BENCH_CONNECTIONS:-32}
workers=${LIEFLEED_WORKERS:-2}
payouts=${BENCH_PAYOUTS:-10000}
parts=${BENCH_PARTS:-http finance}
BUILD=${BUILD:-build}
bin=$BUILD/liefleed

make -s -j2 BUILD="$BUILD" all >/dev/null || exit 1
mkdir -p "$BUILD/bench"
cc -O2 -o "$BUILD/bench/bare_server" tests/bench/bare_server.c \
    $(pkg-config --cflags --libs libmicrohttpd) -lpthread || exit 1
cc -O2 -o "$BUILD/bench/bare_csv" tests/bench/bare_csv.c \
    $(pkg-config --cflags --libs libpq) -lcsv || exit 1

. scripts/lib.sh
throwaway_db_start "$bin" || exit 1
lpid=
bpid=
cleanup() {
    [ -n "$lpid$bpid" ] && { kill $lpid $bpid 2>/dev/null; wait $lpid $bpid 2>/dev/null; }
    throwaway_db_cleanup
}
trap cleanup EXIT
# BENCH_SLOW_MS=50: log statements slower than that and print them at the end
if [ -n "${BENCH_SLOW_MS:-}" ]; then
    psql -X -q "${LIEFLEED_DATABASE_URL/user=liefleed/user=postgres}" \
        -c "ALTER SYSTEM SET log_min_duration_statement = ${BENCH_SLOW_MS}" \
        -c "SELECT pg_reload_conf()" >/dev/null
    trap 'grep -h "duration:" "$tmp"/pg/postgres.log | sort -t: -k5 -rn | cut -c1-300 | head -20; cleanup' EXIT
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.0f", a / b * 100; else print "-" }'; }

# ---------------------------------------------------------------------
# http
# ---------------------------------------------------------------------
bench_http() {
    port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
    pick_port() { local p; for p in $(seq "$1" $(($1 + 50))); do port_free "$p" && { echo "$p"; return; }; done; }
    local lport bport size
    lport=$(pick_port 18600)
    LIEFLEED_LISTEN=127.0.0.1:$lport LIEFLEED_WORKERS=$workers \
        "$bin" serve 2>"$tmp/serve.log" &
    lpid=$!
    for _ in $(seq 100); do grep -q 'luistert op' "$tmp/serve.log" && break; sleep 0.1; done

    size=$(curl -s "http://127.0.0.1:$lport/" | wc -c)
    bport=$(pick_port 18700)
    "$BUILD/bench/bare_server" "$bport" "$size" "$workers" &
    bpid=$!
    sleep 0.3

    # wrk prints "Requests/sec: N" and, with --latency, "99% Xms"
    measure() {
        local out rps p99
        out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$1" 2>&1)
        rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
        p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
        if echo "$out" | grep -q 'Non-2xx'; then echo "bench: non-2xx answers from $1" >&2; fi
        echo "$rps $p99"
    }

    echo "bench http: $secs s per URL, $conns connections, $workers workers, page of $size bytes"
    read -r bare_rps bare_p99 <<<"$(measure "http://127.0.0.1:$bport/")"
    read -r home_rps home_p99 <<<"$(measure "http://127.0.0.1:$lport/")"
    read -r hz_rps hz_p99 <<<"$(measure "http://127.0.0.1:$lport/healthz")"

    printf '%-22s %12s %10s %8s\n' "target" "requests/s" "p99" "ratio"
    printf '%-22s %12.0f %10s %7s%%\n' "bare libmicrohttpd" "$bare_rps" "$bare_p99" 100
    printf '%-22s %12.0f %10s %7s%%\n' "liefleed /" "$home_rps" "$home_p99" "$(ratio "$home_rps" "$bare_rps")"
    printf '%-22s %12.0f %10s %7s%%\n' "liefleed /healthz" "$hz_rps" "$hz_p99" "$(ratio "$hz_rps" "$bare_rps")"
    kill $lpid $bpid 2>/dev/null
    wait $lpid $bpid 2>/dev/null
    lpid=
    bpid=
}

# ---------------------------------------------------------------------
# finance
# ---------------------------------------------------------------------
q() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$LIEFLEED_DATABASE_URL" "$@"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{ printf "%.3f", b - a }'; }
per_s() { awk -v n="$1" -v s="$2" 'BEGIN{ if (s > 0) printf "%.0f", n / s; else print "-" }'; }

bench_finance() {
    local years=10 first_year=2030 mk fin_email t0 t1 y
    local bare_rows bare_s create_s import_s create_n import_n status
    echo "bench finance: $payouts payouts"

    # staff through the real command line: who awards, who batches
    fin_email=bench-financien@example.nl
    echo 'een heel lang geheim wachtwoord' | "$bin" user add --email bench-makelaar@example.nl \
        --name 'Bench Makelaar' --role makelaar --wijk 01,02,03,04,05,06,07,08,09,10 \
        >"$tmp/user.log" 2>&1 || { cat "$tmp/user.log"; return 1; }
    echo 'een heel lang geheim wachtwoord' | "$bin" user add --email "$fin_email" \
        --name 'Bench Financien' --role financien >>"$tmp/user.log" 2>&1 \
        || { cat "$tmp/user.log"; return 1; }
    mk=$(q -c "SELECT id FROM staff_user WHERE email = 'bench-makelaar@example.nl'")

    # seed: set-based, every trigger on, one transaction per budget year
    t0=$(now)
    q -v n="$payouts" -v first_year=$first_year -v years=$years \
        -f tests/bench/seed_payouts_setup.sql >"$tmp/seed.log" 2>&1 \
        || { cat "$tmp/seed.log"; return 1; }
    for y in $(seq $first_year $((first_year + years - 1))); do
        q -v year="$y" -v mk="$mk" -f tests/bench/seed_payouts_award.sql >>"$tmp/seed.log" 2>&1 \
            || { cat "$tmp/seed.log"; return 1; }
    done
    t1=$(now)
    status=$(q -c "SELECT count(*) FROM payout WHERE status = 'te_betalen'")
    [ "$status" -eq "$payouts" ] || { echo "bench: seeded $status payouts, not $payouts" >&2; return 1; }
    q -c "VACUUM ANALYZE" >/dev/null 2>&1
    echo "seeded $payouts payouts te_betalen in $(elapsed "$t0" "$t1") s"

    # the bare limit: the same rows, straight into libcsv; the best of five
    # runs, as it takes a few tens of milliseconds and a busy machine shows
    local r s i
    bare_s=
    for i in 1 2 3 4 5; do
        read -r r s <<<"$("$BUILD/bench/bare_csv" "$LIEFLEED_DATABASE_URL" "$tmp/bare.csv" \
            "p.status = 'te_betalen'")"
        [ "${r:-0}" -eq "$payouts" ] || { echo "bench: bare_csv read ${r:-0} rows" >&2; return 1; }
        bare_rows=$r
        if [ -z "$bare_s" ] || awk -v a="$s" -v b="$bare_s" 'BEGIN{ exit !(a < b) }'; then bare_s=$s; fi
    done

    # (a) batch create, end to end
    create_s=
    import_s=
    if "$bin" batch create --help >/dev/null 2>&1; then
        t0=$(now)
        "$bin" batch create --user "$fin_email" >"$tmp/create.log" 2>&1 \
            || { echo "bench: batch create failed:"; cat "$tmp/create.log"; return 1; }
        t1=$(now)
        create_s=$(elapsed "$t0" "$t1")
        create_n=$(q -c "SELECT count(*) FROM payout WHERE status = 'in_batch'")
        [ "$create_n" -eq "$payouts" ] || { echo "bench: $create_n payouts in the batch, not $payouts" >&2; return 1; }
        q -c "SELECT count(*) FROM payout_batch WHERE csv IS NOT NULL AND sepa_xml IS NOT NULL
                AND statement_pdf IS NOT NULL AND line_count = $payouts" | grep -qx 1 \
            || { echo "bench: the batch lacks its files or its control totals" >&2; return 1; }
    else
        echo "(a) liefleed batch create: not yet available in this build"
    fi

    # (b) batch import of the result: every row betaald, today
    if [ -n "$create_s" ] && "$bin" batch import --help >/dev/null 2>&1; then
        q -c "COPY (SELECT p.reference, 'betaald',
                to_char(now() AT TIME ZONE 'Europe/Amsterdam', 'DD-MM-YYYY'),
                replace(to_char(p.amount_cents / 100.0, 'FM999999990.00'), '.', ','), NULL
              FROM payout p JOIN batch_line l ON l.payout_id = p.id AND l.live
              ORDER BY l.batch_id, l.line_no)
              TO STDOUT WITH (FORMAT csv, DELIMITER ';', HEADER false)" >"$tmp/rows.csv"
        { printf 'referentie;status;datum;bedrag;reden\r\n'; sed 's/$/\r/' "$tmp/rows.csv"; } >"$tmp/result.csv"
        t0=$(now)
        "$bin" batch import "$tmp/result.csv" --user "$fin_email" >"$tmp/import.log" 2>&1 \
            || { echo "bench: batch import failed:"; tail -5 "$tmp/import.log"; return 1; }
        t1=$(now)
        import_s=$(elapsed "$t0" "$t1")
        import_n=$(q -c "SELECT count(*) FROM payout WHERE status = 'betaald'")
        [ "$import_n" -eq "$payouts" ] || { echo "bench: $import_n payouts betaald, not $payouts" >&2; return 1; }
    elif [ -n "$create_s" ]; then
        echo "(b) liefleed batch import: not yet available in this build"
    fi

    local bare_rps create_rps import_rps
    bare_rps=$(per_s "$bare_rows" "$bare_s")
    printf '%-28s %8s %10s %10s %8s\n' "target" "rows" "seconds" "rows/s" "ratio"
    printf '%-28s %8s %10.3f %10s %7s%%\n' "bare libpq -> libcsv" "$bare_rows" "$bare_s" "$bare_rps" 100
    if [ -n "$create_s" ]; then
        create_rps=$(per_s "$payouts" "$create_s")
        printf '%-28s %8s %10.3f %10s %7s%%\n' "(a) liefleed batch create" "$payouts" "$create_s" \
            "$create_rps" "$(ratio "$create_rps" "$bare_rps")"
    else
        printf '%-28s %8s %10s %10s %8s\n' "(a) liefleed batch create" "-" "-" "-" "n/a"
    fi
    if [ -n "$import_s" ]; then
        import_rps=$(per_s "$payouts" "$import_s")
        printf '%-28s %8s %10.3f %10s %7s%%\n' "(b) liefleed batch import" "$payouts" "$import_s" \
            "$import_rps" "$(ratio "$import_rps" "$bare_rps")"
    else
        printf '%-28s %8s %10s %10s %8s\n' "(b) liefleed batch import" "-" "-" "-" "n/a"
    fi
    echo "target: (a) and (b) at least 25% of the bare rows per second"
}

rc=0
for part in $parts; do
    case $part in
    http) bench_http || rc=1 ;;
    finance) bench_finance || rc=1 ;;
    *) echo "bench: unknown part $part (http, finance)" >&2; rc=2 ;;
    esac
done
exit $rc
