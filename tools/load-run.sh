#!/usr/bin/env bash
# Runs one of the load tools against the app, built in Release, started here on 127.0.0.1 over a fresh SQLite
# file (Demo identities, no demo data), and stops the app afterwards. docs/performance.md quotes its figures.
#   tools/load-run.sh hub    [ChangeCoordination.HubLoad options]     (--help lists them)
#   tools/load-run.sh viewer [ChangeCoordination.ViewerLoad options]
# The app is built from a commit (LOAD_APP_REV, default HEAD) exported with `git archive` to /tmp, so that work in
# progress in src/ never changes what is measured; LOAD_APP_REV=worktree builds the work tree's src/ instead.
# The app, the tool and its browser run at nice LOAD_NICE (default -10, needs root; 0 to leave it), so that other
# work sharing the machine disturbs the figures less; the tools report how much CPU other processes took meanwhile.
# LOAD_PORT (default 5300) picks the port. The app's log goes to /tmp/cc-load-app.log.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  hub) name=HubLoad ;;
  viewer) name=ViewerLoad ;;
  *) echo "usage: $0 hub|viewer [options]" >&2; exit 2 ;;
esac
shift
port="${LOAD_PORT:-5300}"
project="tools/ChangeCoordination.$name"
db="$(mktemp -u /tmp/cc-load-XXXXXX).db"

rev="${LOAD_APP_REV:-HEAD}"
if [ "$rev" = worktree ]; then
  app_root="$PWD"
  app_label="the work tree"
else
  commit="$(git rev-parse --short=12 "$rev^{commit}")"
  app_root="/tmp/cc-load-app-$commit"
  app_label="commit $commit"
  if [ ! -d "$app_root" ]; then
    mkdir -p "$app_root.partial"
    git archive "$commit" | tar -x -C "$app_root.partial"
    mv "$app_root.partial" "$app_root"
  fi
fi

build() {
  if ! dotnet build -c Release "$1" -nologo -v q >/tmp/cc-load-build.log 2>&1; then
    cat /tmp/cc-load-build.log >&2
    echo "Building $1 failed." >&2
    exit 1
  fi
}
build "$app_root/src/ChangeCoordination.Web"
build "$project"

# The machine has two cores, shared by the app, the tool and the browser: wait (bounded, LOAD_QUIET_WAIT seconds,
# default 60) until nothing else keeps them busy, so that the figures are the app's and the tool's alone.
busy_share() {
  local a b
  read -r -a a < <(grep '^cpu ' /proc/stat)
  sleep 2
  read -r -a b < <(grep '^cpu ' /proc/stat)
  local idle=$(( (b[4] + b[5]) - (a[4] + a[5]) ))
  local total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  echo $(( total == 0 ? 0 : 100 * (total - idle) / total ))
}
waited=0
while busy="$(busy_share)"; [ "$busy" -gt 20 ] && [ "$waited" -lt "${LOAD_QUIET_WAIT:-60}" ]; do
  echo "machine ${busy}% busy: waiting for it to quieten..."
  sleep 8
  waited=$((waited + 10))
done
echo "machine ${busy}% busy before the run"

# Thousands of WebSockets need as many descriptors, in the app and in the tool.
ulimit -n "$(ulimit -Hn)"

nice_level="${LOAD_NICE:--10}"
(cd "$app_root/src/ChangeCoordination.Web" && ASPNETCORE_ENVIRONMENT=Development exec nice -n "$nice_level" ./bin/Release/net10.0/ChangeCoordination.Web \
  --urls "http://127.0.0.1:$port" --ConnectionStrings:ChangeCoordination="Data Source=$db" --Demo:SeedData=false) \
  >/tmp/cc-load-app.log 2>&1 &
app=$!
cleanup() {
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  rm -f "$db" "$db-wal" "$db-shm"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/account/signin" && break
  kill -0 "$app" 2>/dev/null || { echo "The app stopped; see /tmp/cc-load-app.log" >&2; exit 1; }
  sleep 0.5
done

echo "app: $app_label in Release (nice $nice_level), pid $app, http://127.0.0.1:$port, database $db; $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
nice -n "$nice_level" dotnet "$project/bin/Release/net10.0/ChangeCoordination.$name.dll" --url "http://127.0.0.1:$port" --server-pid "$app" "$@"
