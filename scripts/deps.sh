#!/usr/bin/env bash
# deps.sh - install what is missing: Debian packages, then the npm packages
# from the committed package-lock.json. Quiet when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
    build-essential pkg-config make gcc clang
    libmicrohttpd-dev libpq-dev libsodium-dev libssl-dev libhpdf-dev libcsv-dev
    libcmocka-dev postgresql-15 postgresql-client-15 fonts-dejavu-core
    nodejs npm chromium poppler-utils libxml2-utils wrk curl
    cppcheck clang-format
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
        || missing+=("$p")
done
# nodejs may come from elsewhere than Debian (a newer build); accept a
# working node and npm instead of the Debian packages.
if command -v node >/dev/null && command -v npm >/dev/null; then
    m=(); for p in "${missing[@]}"; do [ "$p" = nodejs ] || [ "$p" = npm ] || m+=("$p"); done
    missing=("${m[@]+"${m[@]}"}")
fi

if [ ${#missing[@]} -gt 0 ]; then
    echo "deps: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    # PostgreSQL's package would start the system cluster; we do not use it.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
        $sudo chmod +x /usr/sbin/policy-rc.d
        trap '$sudo rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "deps: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
fi
