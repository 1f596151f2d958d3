#!/usr/bin/env bash
# bench.sh - what `make bench` does: requests per second and p99 latency of
# liefleed's / and /healthz, beside a bare libmicrohttpd server serving a
# page of the same size, measured in the same run and printed as ratios.
#
#   BENCH_SECONDS=5 BENCH_CONNECTIONS=32 make bench
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${BENCH_SECONDS:-5}
conns=${BENCH_CONNECTIONS:-32}
workers=${LIEFLEED_WORKERS:-2}

make -s -j2 all >/dev/null || exit 1
mkdir -p build/bench
cc -O2 -o build/bench/bare_server tests/bench/bare_server.c \
    $(pkg-config --cflags --libs libmicrohttpd) -lpthread || exit 1

. scripts/lib.sh
throwaway_db_start build/liefleed || exit 1

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() { local p; for p in $(seq "$1" $(($1 + 50))); do port_free "$p" && { echo "$p"; return; }; done; }
lport=$(pick_port 18600)
LIEFLEED_LISTEN=127.0.0.1:$lport LIEFLEED_WORKERS=$workers \
    build/liefleed serve 2>"$tmp/serve.log" &
lpid=$!
for _ in $(seq 100); do grep -q 'luistert op' "$tmp/serve.log" && break; sleep 0.1; done

size=$(curl -s "http://127.0.0.1:$lport/" | wc -c)
bport=$(pick_port 18700)
build/bench/bare_server "$bport" "$size" "$workers" &
bpid=$!
sleep 0.3
trap 'kill $lpid $bpid 2>/dev/null; wait $lpid $bpid 2>/dev/null; throwaway_db_cleanup' EXIT

# wrk prints "Requests/sec: N" and, with --latency, "99% Xms"
measure() {
    local out rps p99
    out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$1" 2>&1)
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    if echo "$out" | grep -q 'Non-2xx'; then echo "bench: non-2xx answers from $1" >&2; fi
    echo "$rps $p99"
}

echo "bench: $secs s per URL, $conns connections, $workers workers, page of $size bytes"
read -r bare_rps bare_p99 <<<"$(measure "http://127.0.0.1:$bport/")"
read -r home_rps home_p99 <<<"$(measure "http://127.0.0.1:$lport/")"
read -r hz_rps hz_p99 <<<"$(measure "http://127.0.0.1:$lport/healthz")"

printf '%-22s %12s %10s %8s\n' "target" "requests/s" "p99" "ratio"
printf '%-22s %12.0f %10s %7.0f%%\n' "bare libmicrohttpd" "$bare_rps" "$bare_p99" 100
printf '%-22s %12.0f %10s %7.0f%%\n' "liefleed /" "$home_rps" "$home_p99" \
    "$(awk -v a="$home_rps" -v b="$bare_rps" 'BEGIN{print a/b*100}')"
printf '%-22s %12.0f %10s %7.0f%%\n' "liefleed /healthz" "$hz_rps" "$hz_p99" \
    "$(awk -v a="$hz_rps" -v b="$bare_rps" 'BEGIN{print a/b*100}')"
