#!/usr/bin/env bash
# Makes the upgrade fixture of a release: builds that commit in a scratch worktree, starts it on a fresh SQLite
# database with the demo year, makes writes of every kind through its API (notify, update, assess, cancel, an internal
# change), then records what its API answers. The fixture (the database and the answers, gzipped) goes to
# tests/ChangeCoordination.Web.Tests/Upgrades/Fixtures/<commit>/, where UpgradeTests upgrades a copy with the current
# release and reads every answer back. Make one for every release that changes the schema, from the commit that is
# main just before its first migration:
#   tools/make-upgrade-fixture.sh a3b1247
# Needs curl, jq (apt-get install jq) and python3.
set -euo pipefail
commit="$(git rev-parse --short=7 "${1:?usage: tools/make-upgrade-fixture.sh <commit>}")"
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/tests/ChangeCoordination.Web.Tests/Upgrades/Fixtures/$commit"
work="$(mktemp -d)"
port=5197
base="http://127.0.0.1:$port"
app=""

cleanup() {
  [ -z "$app" ] || kill "$app" 2>/dev/null || true
  git -C "$repo" worktree remove --force "$work/release" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

git -C "$repo" worktree add -q --detach "$work/release" "$commit"
dotnet build "$work/release/src/ChangeCoordination.Web" -v q -nologo
ASPNETCORE_ENVIRONMENT=Development Identity__Mode=Demo Demo__SeedData=true \
  ConnectionStrings__ChangeCoordination="Data Source=$work/change-coordination.db" \
  dotnet run --no-build --project "$work/release/src/ChangeCoordination.Web" --urls "$base" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 180); do
  curl -sf "$base/health/ready" >/dev/null && break
  sleep 1
done
curl -sf "$base/health/ready" >/dev/null || { cat "$work/app.log"; exit 1; }
made_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

token() { curl -sf -X POST "$base/api/v1/dev/token" -H 'content-type: application/json' -d "{\"email\":\"$1\"}" | jq -r .accessToken; }
user="$(token user@supplier-a.example)"
assessor="$(token assessor@dcc.example)"
owner="$(token owner@dcc.example)"
call() { # call TOKEN METHOD PATH [BODY] [IF-MATCH]: prints the answer; fails on an error status
  local args=(-sf -X "$2" "$base$3" -H "authorization: Bearer $1" -H 'content-type: application/json')
  [ -z "${4:-}" ] || args+=(-d "$4")
  [ -z "${5:-}" ] || args+=(-H "if-match: \"$5\"")
  curl "${args[@]}"
}
day() { date -u -d "$made_at + $1 days" +%Y-%m-%d; }

notify() {
  call "$user" POST /api/v1/changes "{\"kind\":\"Planned\",\"type\":\"$1\",\"start\":\"$(day "$2")T20:00:00Z\",\"end\":\"$(day "$2")T$3:00Z\",
    \"description\":\"Upgrade fixture: $1 change made by release $commit\",
    \"deviceCombinations\":[{\"devices\":[\"ESME\",\"CommsHub\"],\"smets\":\"SMETS2\",\"manufacturer\":\"Acme\",\"model\":\"X1\",\"firmwareVersion\":\"4.2\"}]}" | jq -r .reference
}
updated="$(notify Firmware 45 23:00)"
call "$user" PUT "/api/v1/changes/$updated" "{\"kind\":\"Planned\",\"type\":\"Firmware\",\"start\":\"$(day 45)T20:00:00Z\",\"end\":\"$(day 45)T23:30:00Z\",
  \"description\":\"Upgrade fixture: updated once\",\"deviceCombinations\":[{\"devices\":[\"ESME\"],\"smets\":\"SMETS2\"}]}" 1 >/dev/null
assessed="$(notify BusinessCritical 50 22:00)"
call "$assessor" POST "/api/v1/changes/$assessed/assessment" '{"probability":"HighlyLikely","rationale":"Upgrade fixture: the same roll-out overran twice"}' 1 >/dev/null
cancelled="$(notify UserSystem 55 21:00)"
call "$user" POST "/api/v1/changes/$cancelled/cancel" '' 1 >/dev/null
call "$assessor" POST /api/v1/internal-changes "{\"title\":\"Upgrade fixture: DSP patching\",\"services\":[\"UserInterface\",\"RegistrationDataInterface\"],
  \"plannedMaintenance\":false,\"start\":\"$(day 48)T01:00:00Z\",\"end\":\"$(day 48)T03:00:00Z\",\"impactScore\":3,\"probabilityScore\":2}" >/dev/null

# What the release answers, each as { path, as, body }: the test asks the upgraded app the same as the same person
# (the audit log first, as here it comes last, so that no read in between moves its pages).
from="$(day -400)"
to="$(day 200)"
mkdir -p "$work/answers"
record() { # record NAME EMAIL TOKEN PATH
  call "$3" GET "$4" | jq --arg path "$4" --arg person "$2" '{ path: $path, as: $person, body: . }' >"$work/answers/$1.json"
}
record changes assessor@dcc.example "$assessor" "/api/v1/changes?from=$from&to=$to"
record own-changes user@supplier-a.example "$user" "/api/v1/changes?from=$from&to=$to"
for view in overall user internal; do
  record "heatmap-$view" user@supplier-a.example "$user" "/api/v1/heatmap?view=$view&from=$from&to=$to"
done
record high-risk-days manager@dcc.example "$(token manager@dcc.example)" "/api/v1/high-risk-days?from=$from&to=$to"
record internal-changes assessor@dcc.example "$assessor" "/api/v1/internal-changes?from=$from&to=$to"
record methodology-versions owner@dcc.example "$owner" /api/v1/methodology/versions
for reference in "$updated" "$assessed" "$cancelled"; do
  record "revisions-$reference" user@supplier-a.example "$user" "/api/v1/changes/$reference/revisions"
done

# The audit log last, whole: the reads above are in it too (staff reads of details are audited).
pages="$(call "$owner" GET "/api/v1/audit?pageSize=500&from=$from&to=$to" | jq '(.total + 499) / 500 | floor')"
for page in $(seq "$pages"); do
  record "audit-$page" owner@dcc.example "$owner" "/api/v1/audit?pageSize=500&page=$page&from=$from&to=$to"
done

kill "$app"
wait "$app" 2>/dev/null || true
app=""
# The release leaves its database in WAL mode: fold the log into the file, so the one file is the whole database.
python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_checkpoint(TRUNCATE)'); c.execute('PRAGMA journal_mode=DELETE'); c.close()" "$work/change-coordination.db"
rm -rf "$out"
mkdir -p "$out"
gzip -9 -c "$work/change-coordination.db" >"$out/change-coordination.db.gz"
jq -s '.' "$work"/answers/*.json | gzip -9 >"$out/answers.json.gz"
jq -n --arg commit "$commit" --arg madeAt "$made_at" \
  --arg updated "$updated" --arg assessed "$assessed" --arg cancelled "$cancelled" \
  '{ commit: $commit, madeAt: $madeAt, written: { updated: $updated, assessed: $assessed, cancelled: $cancelled } }' >"$out/fixture.json"
du -sh "$out"
