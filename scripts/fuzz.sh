#!/usr/bin/env bash
# fuzz.sh - build every libFuzzer target in tests/fuzz and run each for
# FUZZ_SECONDS (default 20) on a copy of its seed corpus.
#   FUZZ_SECONDS=300 scripts/fuzz.sh fuzz_urlenc
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-20}
only=${1:-}
out=build/fuzz
mkdir -p "$out"
flags=(-g -O1 -fsanitize=fuzzer,address,undefined -std=c11
       -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ibackend -Ireports
       $(pkg-config --cflags libmicrohttpd libpq libsodium))
# Pure modules only: the targets never need the server or the database.
pure=(backend/buf.c backend/utf8.c backend/urlenc.c backend/html.c backend/routes.c
      backend/iban.c backend/money.c backend/postcode.c backend/email.c
      backend/phone.c backend/house_number.c backend/text_field.c
      backend/expense_fields.c reports/sepa_text.c reports/iban_masked.c backend/multipart.c reports/result_file.c)
for f in tests/fuzz/fuzz_*.c; do
    name=$(basename "$f" .c)
    [ -z "$only" ] || [ "$only" = "$name" ] || continue
    extra=()
    case "$name" in
        fuzz_routes) extra=(backend/routes_table.c tests/fuzz/routes_stub.c) ;;
        fuzz_street_list|fuzz_csv*)
            # every reports/ file the pure list does not already hold
            for r in reports/*.c; do
                [[ " ${pure[*]} " == *" $r "* ]] || extra+=("$r")
            done ;;
    esac
    clang "${flags[@]}" -o "$out/$name" "$f" "${pure[@]}" "${extra[@]}" -lcsv -lhpdf
    corpus="tests/fuzz/corpus/${name#fuzz_}"
    work="$out/corpus-$name"
    mkdir -p "$work"
    [ -d "$corpus" ] && cp -n "$corpus"/* "$work"/ 2>/dev/null || true
    echo "fuzz: $name for ${secs}s"
    "$out/$name" -max_total_time="$secs" -print_final_stats=1 "$work" 2>&1 \
        | grep -E 'stat::number_of_executed_units|ERROR|SUMMARY' || true
done
