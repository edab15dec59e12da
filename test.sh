#!/usr/bin/env bash
# Runs every test in the solution (rules, components, API, browser) on SQLite, then the integration tests
# (ChangeCoordination.Web.Tests) again on PostgreSQL, and prints one summary line counting both:
#   tests: N passed, N failed[, N skipped]
# Installs what the tests need when it is missing: Debian's chromium (browser tests), redis-server (the live bus),
# nginx (the server farm test) and prometheus (the metrics test); starts the local PostgreSQL and makes the test role cc_test (tools/postgres-up.sh,
# which installs Debian's postgresql when it is missing). CC_TEST_POSTGRES, when set, names another server (an admin
# connection string) and the local one is left alone. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/prometheus ] || missing+=(prometheus)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the tests..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -z "${CC_TEST_POSTGRES:-}" ]; then
  tools/postgres-up.sh
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
