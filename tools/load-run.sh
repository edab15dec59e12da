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
# LOAD_FARM=1 runs the app as docs/deploy.md's farm instead: two servers (ports LOAD_PORT and LOAD_PORT+1, logs
# /tmp/cc-load-app.log and /tmp/cc-load-app-2.log) on a fresh PostgreSQL database (tools/postgres-up.sh), a
# redis-server between them and nginx in front (deploy/nginx/change-coordination.conf, port LOAD_PORT+10); the tool
# drives nginx and reads both servers' CPU and memory.
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
farm="${LOAD_FARM:-0}"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -f "$db" "$db-wal" "$db-shm"
  if [ "$farm" = 1 ]; then
    PGPASSWORD=cc_test psql -q -h 127.0.0.1 -U cc_test -d postgres -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" || true
    rm -rf "$farm_dir"
  fi
}
trap cleanup EXIT

start_app() { # port log [extra settings...]
  local app_port="$1" log="$2"
  shift 2
  (cd "$app_root/src/ChangeCoordination.Web" && ASPNETCORE_ENVIRONMENT=Development exec nice -n "$nice_level" ./bin/Release/net10.0/ChangeCoordination.Web \
    --urls "http://127.0.0.1:$app_port" --Demo:SeedData=false "$@") >"$log" 2>&1 &
  pids+=("$!")
}

wait_ready() { # url pid log
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "$1/health/ready" && return 0
    kill -0 "$2" 2>/dev/null || { echo "The app stopped; see $3" >&2; exit 1; }
    sleep 0.5
  done
  echo "The app was not ready after 60 s; see $3" >&2
  exit 1
}

if [ "$farm" = 1 ]; then
  tools/postgres-up.sh
  pg_db="cc_load_$(date +%s)"
  PGPASSWORD=cc_test psql -q -h 127.0.0.1 -U cc_test -d postgres -c "CREATE DATABASE $pg_db"
  farm_dir="$(mktemp -d /tmp/cc-load-farm-XXXXXX)"
  redis_port=$((port + 20))
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$farm_dir/redis.log" 2>&1 &
  pids+=("$!")
  settings=(--Database:Provider=PostgreSQL
    "--ConnectionStrings:ChangeCoordination=Host=127.0.0.1;Username=cc_test;Password=cc_test;Database=$pg_db"
    "--Live:Redis=127.0.0.1:$redis_port" --Identity:DemoSigningKey=load-farm --ReverseProxy:KnownProxies:0=127.0.0.1)
  start_app "$port" /tmp/cc-load-app.log "${settings[@]}" --Live:ServerName=first
  app="${pids[-1]}"
  start_app $((port + 1)) /tmp/cc-load-app-2.log "${settings[@]}" --Live:ServerName=second
  second="${pids[-1]}"
  wait_ready "http://127.0.0.1:$port" "$app" /tmp/cc-load-app.log
  wait_ready "http://127.0.0.1:$((port + 1))" "$second" /tmp/cc-load-app-2.log
  front=$((port + 10))
  sed -e "s/listen 127.0.0.1:8080;/listen 127.0.0.1:$front;/" -e "s/server 127.0.0.1:5401 /server 127.0.0.1:$port /" \
    -e "s/server 127.0.0.1:5402 /server 127.0.0.1:$((port + 1)) /" deploy/nginx/change-coordination.conf >"$farm_dir/nginx.conf"
  nginx -p "$farm_dir/" -c "$farm_dir/nginx.conf" -g 'daemon off;' &
  pids+=("$!")
  wait_ready "http://127.0.0.1:$front" "${pids[-1]}" "$farm_dir/error.log"
  target=(--url "http://127.0.0.1:$front" --server-pid "$app" --other-server-pids "$second")
  app_label="$app_label, two servers on PostgreSQL ($pg_db) with redis-server behind nginx (port $front)"
else
  start_app "$port" /tmp/cc-load-app.log --ConnectionStrings:ChangeCoordination="Data Source=$db"
  app="${pids[-1]}"
  wait_ready "http://127.0.0.1:$port" "$app" /tmp/cc-load-app.log
  target=(--url "http://127.0.0.1:$port" --server-pid "$app")
fi

echo "app: $app_label in Release (nice $nice_level), pid $app, http://127.0.0.1:$port, database $db; $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
nice -n "$nice_level" dotnet "$project/bin/Release/net10.0/ChangeCoordination.$name.dll" "${target[@]}" "$@"
