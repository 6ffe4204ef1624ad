#!/usr/bin/env bash
# Makes sure the PostgreSQL the integration tests use is up on 127.0.0.1:5432 with trust auth and a `test`
# database: starts the local cluster if it is stopped, installs Debian's server if there is none.
#
#   scripts/postgres.sh ensure
set -euo pipefail

HOST=127.0.0.1
PORT=5432
DATABASE="${PGDATABASE_FOR_TESTS:-test}"

ready() { pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; }

start_cluster() {
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$version" ]; then
    echo "no PostgreSQL server installed: installing Debian's"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    # Tests connect as postgres over loopback without a password, as on the development machines.
    sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/; s/^(local\s+all\s+all\s+)\S+/\1trust/' "$hba"
    sed -i -E 's/^(local\s+all\s+postgres\s+)\S+/\1trust/' "$hba"
  fi
  echo "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
}

case "${1:-ensure}" in
  ensure)
    ready || start_cluster
    for _ in $(seq 1 60); do ready && break; sleep 0.5; done
    ready || { echo "PostgreSQL did not come up on $HOST:$PORT" >&2; exit 1; }
    if ! psql -h "$HOST" -p "$PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -q 1; then
      psql -h "$HOST" -p "$PORT" -U postgres -d postgres -c "CREATE DATABASE \"$DATABASE\""
    fi
    echo "PostgreSQL ready on $HOST:$PORT, database $DATABASE"
    ;;
  *)
    echo "usage: $0 ensure" >&2
    exit 2
    ;;
esac
