#!/usr/bin/env bash
# Runs every test in the solution (rules, components, API, browser) on SQLite, then the integration tests
# (ChangeCoordination.Web.Tests) again on PostgreSQL, and prints one summary line counting both:
#   tests: N passed, N failed[, N skipped]
# Installs Debian's chromium for the browser tests and Debian's postgresql when they are missing, starts the local
# PostgreSQL cluster when it is down and makes the test role cc_test (CREATEDB). CC_TEST_POSTGRES, when set, names
# another server (an admin connection string) and the local one is left alone. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
apt_updated=""
install_debian_package() {
  echo "Installing Debian's $1..."
  if [ -z "$apt_updated" ]; then
    $sudo_cmd apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$1" >/dev/null
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi
}

if [ ! -x /usr/bin/chromium ]; then
  install_debian_package chromium
fi

if [ -z "${CC_TEST_POSTGRES:-}" ]; then
  if ! command -v pg_lsclusters >/dev/null || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    install_debian_package postgresql
  fi
  if [ -z "$(pg_lsclusters -h)" ]; then
    version="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
    $sudo_cmd pg_createcluster "$version" main >/dev/null
  fi
  pg_lsclusters -h | while read -r version cluster _ status _; do
    if [ "$status" != "online" ]; then
      echo "Starting PostgreSQL $version/$cluster for the tests..."
      $sudo_cmd pg_ctlcluster "$version" "$cluster" start
    fi
  done
  (cd / && as_postgres "psql -q -v ON_ERROR_STOP=1") <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cc_test') THEN
    CREATE ROLE cc_test LOGIN CREATEDB PASSWORD 'cc_test';
  END IF;
END $$;
SQL
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

set +e
# One test project at a time: the browser tests time what a person sees, so they get the machine to themselves.
dotnet test ChangeCoordination.sln -m:1 --logger "trx" --results-directory "$results/sqlite" "$@"
test_status=$?
CC_TEST_DATABASE=PostgreSQL dotnet test tests/ChangeCoordination.Web.Tests --no-build --logger "trx" --results-directory "$results/postgresql" "$@"
postgres_status=$?
set -e

passed=0
failed=0
skipped=0
for trx in "$results"/sqlite/*.trx "$results"/postgresql/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  value() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed)))
  skipped=$((skipped + $(value total) - $(value executed)))
done

summary="tests: $passed passed, $failed failed"
[ "$skipped" -eq 0 ] || summary="$summary, $skipped skipped"
echo "$summary"

if [ "$test_status" -ne 0 ] || [ "$postgres_status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
if [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
