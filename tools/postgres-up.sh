#!/usr/bin/env bash
# Makes the local PostgreSQL ready for the tests and the load tools: installs Debian's postgresql when it is missing,
# creates a cluster when there is none, starts the clusters that are down, and makes the role cc_test (password
# cc_test, CREATEDB), which creates a database of its own for each test app or load run.
# Needs root or sudo. Leaves a running, ready server alone.
set -euo pipefail

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && su postgres -c "$1"); else (cd / && sudo -u postgres sh -c "$1"); fi
}

if ! command -v pg_lsclusters >/dev/null || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  echo "Installing Debian's postgresql..."
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
fi

if [ -z "$(pg_lsclusters -h)" ]; then
  version="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
  $sudo_cmd pg_createcluster "$version" main >/dev/null
fi

pg_lsclusters -h | while read -r version cluster _ status _; do
  if [ "$status" != "online" ]; then
    echo "Starting PostgreSQL $version/$cluster..."
    $sudo_cmd pg_ctlcluster "$version" "$cluster" start
  fi
done

as_postgres "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cc_test') THEN
    CREATE ROLE cc_test LOGIN CREATEDB PASSWORD 'cc_test';
  END IF;
END $$;
SQL
