#!/usr/bin/env bash
# Load test of the hub GraphQL endpoint on SQLite, against the cheapest endpoint of the same server.
#
# Builds Gatehouse in Release, starts it on loopback with a fresh SQLite database in a temporary folder,
# creates an API account, a token and an account with three users, then runs wrk on each scenario
# (warm-up first, then the measured run) and prints requests/s, p50 and p99 with the ratio to /healthz.
# Nothing is written inside the repository except the usual ignored obj/ folder of the build; the server
# is stopped and the temporary folder removed on exit, whatever happens.
#
# Settings (environment):
#   BENCH_DURATION     measured seconds per scenario                 (default 20)
#   BENCH_WARMUP       warm-up seconds per scenario, not reported    (default 5)
#   BENCH_CONNECTIONS  wrk connections                               (default 32)
#   BENCH_THREADS      wrk threads                                   (default 2)
#   BENCH_PORT         loopback port of the server                   (default 5180)
#   BENCH_SCENARIOS    space-separated, in order                     (default "healthz get-account create-account")
#                      also: no-token, bad-token, typename, account-only, account-users (see bench/README.md)
#   BENCH_LOG_LEVEL    Logging__LogLevel__Default for the server     (default: appsettings.json, Information)
#   BENCH_OUT          publish folder, reused between runs           (default $TMPDIR/gatehouse-bench-publish)
#   BENCH_SKIP_BUILD   1 to reuse BENCH_OUT as it is                 (default 0)
#   BENCH_SERVER_LOG   file to copy the server's log to at the end   (default: not kept)
#   BENCH_TRACE_DIR    when set, dotnet-trace (on PATH) samples the server during each measured run and writes
#                      SCENARIO.nettrace there; the tracing slows the server, so compare traced runs only
#                      with each other. BENCH_TRACE_PROFILE picks the profile (dotnet-sampled-thread-time).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

duration="${BENCH_DURATION:-20}"
warmup="${BENCH_WARMUP:-5}"
connections="${BENCH_CONNECTIONS:-32}"
threads="${BENCH_THREADS:-2}"
port="${BENCH_PORT:-5180}"
scenarios="${BENCH_SCENARIOS:-healthz get-account create-account}"
out="${BENCH_OUT:-${TMPDIR:-/tmp}/gatehouse-bench-publish}"
base="http://127.0.0.1:$port"

for tool in dotnet wrk curl jq sqlite3 timeout ${BENCH_TRACE_DIR:+dotnet-trace}; do
  command -v "$tool" >/dev/null || { echo "run.sh needs $tool on PATH" >&2; exit 2; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-bench.XXXXXX")"
server_pid=""

stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}

cleanup() {
  stop_server
  if [[ -n "${BENCH_SERVER_LOG:-}" && -f "$work/server.log" ]]; then
    cp "$work/server.log" "$BENCH_SERVER_LOG"
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "run.sh: $*" >&2
  if [[ -f "$work/server.log" ]]; then
    echo "--- last lines of the server log ---" >&2
    tail -n 30 "$work/server.log" >&2
  fi
  exit 1
}

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  echo "== building Release into $out"
  timeout 600 dotnet publish "$repo/src/Gatehouse" -c Release -o "$out" --nologo -v q >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; fail "the build failed"; }
fi
[[ -f "$out/Gatehouse.dll" ]] || fail "$out/Gatehouse.dll is missing; build first or unset BENCH_SKIP_BUILD"

# The server and the CLI read the same configuration: a fresh database in the temporary folder, loopback only.
export ConnectionStrings__Gatehouse="Data Source=$work/gatehouse.db"
export Urls="$base"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
if [[ -n "${BENCH_LOG_LEVEL:-}" ]]; then
  export Logging__LogLevel__Default="$BENCH_LOG_LEVEL"
fi

echo "== creating the API account (the CLI also creates the database)"
credentials="$(cd "$work" && timeout 60 dotnet "$out/Gatehouse.dll" api-accounts add bench --json)" \
  || fail "api-accounts add failed"
client_id="$(jq -r .client_id <<<"$credentials")"
client_secret="$(jq -r .client_secret <<<"$credentials")"

echo "== starting the server on $base"
(cd "$work" && exec dotnet "$out/Gatehouse.dll") >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -sf --max-time 2 "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited during start-up"
  sleep 0.5
done
curl -sf --max-time 2 "$base/healthz" >/dev/null || fail "the server did not answer /healthz within 60 s"

token="$(curl -sf --max-time 10 "$base/clients/token" -d grant_type=client_credentials \
  --data-urlencode "client_id=$client_id" --data-urlencode "client_secret=$client_secret" | jq -r .access_token)"
[[ -n "$token" && "$token" != null ]] || fail "no token from /clients/token"

# POSTs one GraphQL body file with the token and prints the response body.
graphql() {
  curl -s --max-time 10 "$base/hub/graphql/" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -H 'Accept: application/json' --data-binary "@$1"
}

# Accounts come from the API. The API has no way to add a user to an existing account, so the account that
# Get Account reads gets its second and third users by giving them roles directly in the database; they were
# themselves created by the API as admins of two other managed accounts, so their roles list is not trivial.
create_account() {
  jq -n --arg name "$1" --arg email "$2" '{
      query: ("mutation ($input: CreateTenantInput!) "
        + "{ tenantMutations { createTenant(input: $input) { tenant { id } } } }"),
      variables: { input: { name: $name, canPartnerManage: true, adminEmail: $email, eventEnrichment: true } }
    }' >"$work/create-one.json"
  graphql "$work/create-one.json" | jq -er .data.tenantMutations.createTenant.tenant.id
}

echo "== creating the account that Get Account reads"
tenant_id="$(create_account "Bench Account" admin@bench.example)" || fail "createTenant failed"
create_account "Bench Second" manager@bench.example >/dev/null || fail "createTenant failed"
create_account "Bench Third" viewer@bench.example >/dev/null || fail "createTenant failed"
timeout 30 sqlite3 -cmd ".timeout 10000" "$work/gatehouse.db" "
  INSERT INTO UserRoles (UserId, TenantId, Action)
    SELECT Id, '$tenant_id', 1 FROM Users WHERE Email = 'manager@bench.example';
  INSERT INTO UserRoles (UserId, TenantId, Action)
    SELECT Id, '$tenant_id', 2 FROM Users WHERE Email = 'viewer@bench.example';" \
  || fail "could not add users to the account"

# Request bodies: the seed's sample requests verbatim; Get Account reads the account created above.
jq -n --rawfile query "$here/requests/get-account.graphql" \
  --slurpfile vars "$here/requests/get-account.variables.json" \
  --arg id "$tenant_id" '{query: $query, variables: ($vars[0] | .tenantId = $id)}' >"$work/get-account.json"
jq -n --rawfile query "$here/requests/create-account.graphql" \
  --slurpfile vars "$here/requests/create-account.variables.json" \
  '{query: $query, variables: $vars[0]}' >"$work/create-account.json"
jq -n '{query: "{ __typename }"}' >"$work/typename.json"
# Get Account cut down, to see what each level of the sample query costs: one query for the account, one more
# for its users, one more for their roles (the full sample).
jq -n --arg id "$tenant_id" '{query: "query ($tenantId: String!) { tenant(tenantId: $tenantId) { id name } }",
  variables: {tenantId: $id}}' >"$work/account-only.json"
jq -n --arg id "$tenant_id" '{
  query: "query ($tenantId: String!) { tenant(tenantId: $tenantId) { id name users { id email } } }",
  variables: {tenantId: $id}}' >"$work/account-users.json"

users="$(graphql "$work/get-account.json" | jq -r '.data.tenant.users | length')"
[[ "$users" == 3 ]] || fail "Get Account returned $users users instead of 3: $(graphql "$work/get-account.json")"

# Sets the wrk environment of one scenario and checks its response once with curl, because wrk does not
# look at response bodies: a run of fast errors would otherwise pass for a fast endpoint.
prepare() {
  export BENCH_NAME="$1" BENCH_BODY="" BENCH_TOKEN=""
  path="/hub/graphql/"
  local check
  case "$1" in
    healthz)
      path="/healthz"
      check="$(curl -s --max-time 10 "$base$path" | jq -r .status)"
      [[ "$check" == Healthy ]] ;;
    no-token)
      BENCH_BODY="$work/get-account.json"
      check="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$base$path" \
        -H 'Content-Type: application/json' --data-binary "@$BENCH_BODY")"
      [[ "$check" == 401 ]] ;;
    bad-token)
      BENCH_BODY="$work/get-account.json" BENCH_TOKEN="not-a-token-that-was-ever-issued"
      check="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$base$path" \
        -H "Authorization: Bearer $BENCH_TOKEN" \
        -H 'Content-Type: application/json' --data-binary "@$BENCH_BODY")"
      [[ "$check" == 401 ]] ;;
    typename)
      BENCH_BODY="$work/typename.json" BENCH_TOKEN="$token"
      check="$(graphql "$BENCH_BODY" | jq -r .data.__typename)"
      [[ "$check" == Query ]] ;;
    account-only)
      BENCH_BODY="$work/account-only.json" BENCH_TOKEN="$token"
      check="$(graphql "$BENCH_BODY" | jq -r '(.errors | length), .data.tenant.id' | paste -sd,)"
      [[ "$check" == "0,$tenant_id" ]] ;;
    account-users)
      BENCH_BODY="$work/account-users.json" BENCH_TOKEN="$token"
      check="$(graphql "$BENCH_BODY" | jq -r '(.errors | length), (.data.tenant.users | length)' | paste -sd,)"
      [[ "$check" == 0,3 ]] ;;
    get-account)
      BENCH_BODY="$work/get-account.json" BENCH_TOKEN="$token"
      check="$(graphql "$BENCH_BODY" | jq -r '(.errors | length), (.data.tenant.users | length)' | paste -sd,)"
      [[ "$check" == 0,3 ]] ;;
    create-account)
      BENCH_BODY="$work/create-account.json" BENCH_TOKEN="$token"
      check="$(graphql "$BENCH_BODY" | jq -r '(.errors | length), .data.tenantMutations.createTenant.tenant.name' \
        | paste -sd,)"
      [[ "$check" == 0,TestAdvertiserViaAPI ]] ;;
    *)
      fail "unknown scenario '$1'" ;;
  esac || fail "scenario $1 does not answer as expected (got '$check')"
}

# User plus system CPU time of the server process so far, in clock ticks (/proc/PID/stat fields 14 and 15).
server_cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$server_pid/stat"
}

run_wrk() {
  timeout $(($1 + 30)) wrk --latency --timeout 5s -t "$threads" -c "$connections" -d "${1}s" \
    -s "$here/request.lua" "$base$path"
}

echo "== wrk: $threads threads, $connections connections, ${warmup} s warm-up + ${duration} s per scenario"
results="$work/results.txt"
: >"$results"
for scenario in $scenarios; do
  prepare "$scenario"
  run_wrk "$warmup" >/dev/null || fail "wrk warm-up of $scenario failed"
  cpu_before="$(server_cpu_ticks)"
  trace_pid=""
  if [[ -n "${BENCH_TRACE_DIR:-}" ]]; then
    mkdir -p "$BENCH_TRACE_DIR"
    timeout $((duration + 60)) dotnet-trace collect -p "$server_pid" \
      --profile "${BENCH_TRACE_PROFILE:-dotnet-sampled-thread-time}" \
      --duration "00:00:00:$(printf '%02d' $((duration > 3 ? duration - 2 : 1)))" \
      -o "$BENCH_TRACE_DIR/$scenario.nettrace" >"$work/trace-$scenario.log" 2>&1 &
    trace_pid=$!
  fi
  run_wrk "$duration" >"$work/wrk-$scenario.txt" || fail "wrk run of $scenario failed"
  if [[ -n "$trace_pid" ]]; then
    wait "$trace_pid" || echo "dotnet-trace failed for $scenario: $(tail -n 3 "$work/trace-$scenario.log")" >&2
  fi
  cpu_ticks=$(($(server_cpu_ticks) - cpu_before))
  line="$(grep '^RESULT ' "$work/wrk-$scenario.txt")"
  requests="$(sed 's/.* requests=\([0-9]*\) .*/\1/' <<<"$line")"
  line="$line server_cpu_us=$(awk -v t="$cpu_ticks" -v r="$requests" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.0f", (r > 0 ? t * 1e6 / hz / r : 0) }')"
  echo "$line"
  echo "$line" >>"$results"
done

stop_server
errors="$(grep -c ' fail: \|Exception' "$work/server.log" || true)"
echo "== server log: $(wc -l <"$work/server.log") lines, $errors of them errors or exceptions"
if [[ "$errors" -gt 0 ]]; then
    grep -m 5 ' fail: \|Exception' "$work/server.log" | cut -c1-300
fi

# The table: absolute numbers, and the ratios to the floor (/healthz) measured in this same run.
echo
cpu_model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "machine: $(nproc) cores, $cpu_model, .NET $(dotnet --version)," \
  "log level ${BENCH_LOG_LEVEL:-Information}, $threads threads, $connections connections, ${duration} s"
awk '
  function field(name,   i, kv) {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
    return ""
  }
  {
    n++; names[n] = field("name"); rps[n] = field("rps"); p50[n] = field("p50_ms"); p99[n] = field("p99_ms")
    bad[n] = field("non2xx") + field("errors"); cpu[n] = field("server_cpu_us")
    if (names[n] == "healthz") { floor_rps = rps[n]; floor_p99 = p99[n] }
  }
  END {
    printf "%-16s %9s %8s %8s %12s %10s %12s %8s\n", "scenario", "req/s", "p50 ms", "p99 ms", "req/s floor", \
      "p99/floor", "server µs/req", "non-2xx"
    for (i = 1; i <= n; i++) {
      ratio = floor_rps > 0 ? sprintf("%.1f%%", 100 * rps[i] / floor_rps) : "-"
      slow = floor_p99 > 0 ? sprintf("%.1fx", p99[i] / floor_p99) : "-"
      printf "%-16s %9.0f %8.2f %8.2f %12s %10s %12d %8d\n",
        names[i], rps[i], p50[i], p99[i], ratio, slow, cpu[i], bad[i]
      if (names[i] == "get-account" && floor_rps > 0) {
        met = (rps[i] >= 0.4 * floor_rps && p99[i] < 20) ? "MET" : "NOT MET"
        target = sprintf("target (Get Account >= 40%% of floor req/s and p99 < 20 ms): %s (%.1f%%, p99 %.2f ms)",
          met, 100 * rps[i] / floor_rps, p99[i])
      }
    }
    if (target != "") print target
  }' "$results"
