#!/usr/bin/env bash
# streets_import.sh - `liefleed streets import` through the real binary.
#
# Runs ${LIEFLEED_BIN:-build/liefleed} against $LIEFLEED_DATABASE_URL (a
# migrated database that other suites share) with the fixtures in
# tests/fixtures/streets_*.csv, and prints one TAP line per check. The
# fixtures' street names hold @RUN@, replaced by a token unique to this run,
# so the test passes again on the same database. The city's reference data
# comes from $LIEFLEED_SHARED_DATA (as scripts/test.sh sets it), else
# $LIEFLEED_REFERENCE_DIR, else ../shared/data (loaded only into empty
# tables). Exits 0 even when a check fails: the runner counts "not ok".
set -u
cd "$(dirname "$0")/../.." || exit 0

bin=${LIEFLEED_BIN:-build/liefleed}
refdir=${LIEFLEED_SHARED_DATA:-${LIEFLEED_REFERENCE_DIR:-../shared/data}}
db=${LIEFLEED_DATABASE_URL:-}
run="$$-$(date +%s%N)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
rc=0

report() { # status description
    n=$((n + 1))
    if [ "$1" = 0 ]; then
        echo "ok $n - $2"
    else
        echo "not ok $n - $2"
        sed 's/^/#   out: /' "$tmp/out" 2>/dev/null
        sed 's/^/#   err: /' "$tmp/err" 2>/dev/null
    fi
}

liefleed() { # runs the binary; output in $tmp/out and $tmp/err, status in rc
    "$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
}

fixture() { # copy a fixture with this run's token; prints the copy's path
    LC_ALL=C sed "s/@RUN@/$run/g" "tests/fixtures/$1" >"$tmp/$1"
    echo "$tmp/$1"
}

expect_rc() { # expected-status description
    [ "$rc" = "$1" ]
    report $? "$2 (exit $1)"
}

expect_out() { # expected-stdout description
    [ "$(cat "$tmp/out")" = "$1" ]
    report $? "$2"
}

expect_err() { # fixed-string description: stderr contains it
    grep -qF -- "$1" "$tmp/err"
    report $? "$2"
}

sql_count() { # query printing one number; "?" when psql cannot tell
    if ! command -v psql >/dev/null 2>&1; then
        echo "?"
        return
    fi
    psql "$db" -XtAq -c "$1" 2>/dev/null || echo "?"
}

links_of() { # number of buurten the street is linked to
    local name=${1//\'/\'\'}
    sql_count "SELECT count(*) FROM street_buurt sb JOIN street s
               ON s.id = sb.street_id WHERE lower(s.name) = lower('$name')"
}

expect_links() { # street expected-count description
    local got
    got=$(links_of "$1")
    if [ "$got" = "?" ]; then
        n=$((n + 1))
        echo "ok $n - $3 # SKIP psql cannot reach the database"
        return
    fi
    [ "$got" = "$2" ]
    report $? "$3 (links: $got, expected $2)"
}

if [ -z "$db" ]; then
    echo "not ok 1 - LIEFLEED_DATABASE_URL is not set"
    echo "1..1"
    exit 0
fi
export LIEFLEED_DATABASE_URL="$db"

# -- usage --
liefleed streets --help
expect_rc 0 "streets --help"
grep -q "streets import" "$tmp/out"
report $? "streets --help shows the usage"
liefleed streets
expect_rc 2 "streets without arguments is a usage error"
liefleed streets import "$tmp/does-not-exist.csv"
expect_rc 1 "a missing file fails"
expect_err "niet openen" "a missing file is named in Dutch"

# -- reference data --
liefleed reference load "$refdir"
expect_rc 0 "reference load $refdir"

# -- a good file, twice --
good=$(fixture streets_good.csv)
liefleed streets import "$good"
expect_rc 0 "good file imports"
expect_out "toegevoegd: 3, al aanwezig: 0, geweigerd: 0" \
    "good file: three links added"
expect_links "Proefstraat $run" 2 "a street in two buurten has two links"
expect_links "Proefgracht $run; \"oost\"" 1 "a quoted name with ; and \" is kept"
liefleed streets import "$good"
expect_rc 0 "good file imports again"
expect_out "toegevoegd: 0, al aanwezig: 3, geweigerd: 0" \
    "second import of the good file adds nothing"

# -- a file with bad rows --
bad=$(fixture streets_bad_rows.csv)
liefleed streets import "$bad"
expect_rc 0 "file with bad rows imports its good rows"
expect_out "toegevoegd: 2, al aanwezig: 0, geweigerd: 5
regel 3: buurtcode moet uit vier cijfers bestaan
regel 4: buurtcode hoort niet bij de wijkcode (de eerste twee cijfers verschillen)
regel 5: straatnaam ontbreekt
regel 6: buurt 0199 bestaat niet
regel 7: dubbele regel: dezelfde straat en buurt als regel 2" \
    "bad rows are reported with line number and reason"
expect_links "Proeflaan $run" 2 "only the good rows of that file are stored"

# -- malformed files change nothing --
mal=$(fixture streets_malformed.csv)
liefleed streets import "$mal"
expect_rc 1 "unterminated quote: the file is refused"
expect_out "" "unterminated quote: no report on stdout"
expect_err "regel 3" "unterminated quote: the line is named"
expect_err "unterminated quote" "unterminated quote: the reason is given"
expect_links "Proefsteeg $run" 0 "unterminated quote: nothing stored"
latin=$(fixture streets_latin1.csv)
liefleed streets import "$latin"
expect_rc 1 "Latin-1 file: refused"
expect_err "regel 3: geen geldige UTF-8" "Latin-1 file: line and reason given"
expect_links "Proefhof $run" 0 "Latin-1 file: its good first row is not stored"

# -- the city's partial street list --
city="$refdir/utrecht_straten_partieel_2013.csv"
liefleed streets import "$city"
expect_rc 0 "the city's street list imports"
head -1 "$tmp/out" | grep -Eq '^toegevoegd: [0-9]+, al aanwezig: [0-9]+, geweigerd: 0$' &&
    [ $(($(sed -E 's/^toegevoegd: ([0-9]+), al aanwezig: ([0-9]+).*/\1+\2/' "$tmp/out"))) = 497 ]
report $? "the city's list has 497 good street-buurt rows"
liefleed streets import "$city"
expect_out "toegevoegd: 0, al aanwezig: 497, geweigerd: 0" \
    "the city's list a second time adds nothing"

echo "1..$n"
exit 0
