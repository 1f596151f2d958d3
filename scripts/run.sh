#!/usr/bin/env bash
# run.sh - what `make run` does after building: the private database under
# var/, migrations, reference data, and the server in the foreground.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)

scripts/pg.sh start var/pg
eval "$(scripts/pg.sh env var/pg)"
export LIEFLEED_DATA_DIR=${LIEFLEED_DATA_DIR:-$top/var/data}
bin=build/liefleed

$bin migrate
data=${LIEFLEED_SHARED_DATA:-$top/../shared/data}
if [ -d "$data" ]; then
    $bin reference load "$data"
else
    echo "run: no reference data at $data (set LIEFLEED_SHARED_DATA)"
fi

listen=${LIEFLEED_LISTEN:-127.0.0.1:8080}
cat <<TXT

  Lief en Leed draait op http://$listen/   (Ctrl-C stopt de server)

  Eerste beheerder aanmaken (in een tweede terminal):
    eval "\$(make -s env)"
    build/liefleed user add --email beheer@example.nl --name "Beheerder" --role beheerder
  (het wachtwoord, minstens 12 tekens, wordt gevraagd)

  De database blijft draaien na Ctrl-C; 'make stop' stopt hem.

TXT
exec $bin serve
