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
#                      also: no-token, bad-token, typename, account-only, account-users (see bench/README.md),
#                      and the ingest scenarios capi-batch (100 events a request) and pixel-event (one a request)
#   BENCH_FAKE_PORT    port of the fake Conversions API for the ingest scenarios (default 5190)
#   BENCH_DRAIN_WAIT   seconds to wait after an ingest scenario for the queue to drain (default 120)
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

for tool in dotnet wrk curl jq sqlite3 timeout python3 ${BENCH_TRACE_DIR:+dotnet-trace}; do
  command -v "$tool" >/dev/null || { echo "run.sh needs $tool on PATH" >&2; exit 2; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-bench.XXXXXX")"
server_pid=""
fake_pid=""
fake_port="${BENCH_FAKE_PORT:-5190}"
fake="http://127.0.0.1:$fake_port"

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
  if [[ -n "$fake_pid" ]]; then
    kill "$fake_pid" 2>/dev/null || true
  fi
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

# Publishing goes to a local fake that speaks the Conversions API's wire format, never to Meta.
export ConversionsApi__BaseUrl="$fake"
python3 "$here/fake-capi.py" "$fake_port" >"$work/fake-capi.log" 2>&1 &
fake_pid=$!

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

# The ingest scenarios send to a pixel of that account, connected through the documented mutation with a token
# that the server-to-server scenario also uses to authenticate, as a Conversions API sender would.
pixel_id=1234567890123456
pixel_token="bench-pixel-token-$RANDOM$RANDOM$RANDOM"
jq -n --arg tenant "$tenant_id" --arg pixel "$pixel_id" --arg token "$pixel_token" '{
    query: ("mutation ($tenantId: ID!, $input: PixelConnectionCreationInput!) { tenantMutations(tenantId: $tenantId) "
      + "{ signalMutations { setupPixelSignalConfig(input: $input) { id } } } }"),
    variables: { tenantId: $tenant, input: { businessId: "1", pixelId: $pixel, accessToken: $token,
      apiVersion: "v21.0", externalId: "", name: "Bench pixel" } }
  }' >"$work/setup-pixel.json"
curl -s --max-time 10 "$base/capig/graphql/" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  --data-binary "@$work/setup-pixel.json" | jq -e '.data.tenantMutations.signalMutations.setupPixelSignalConfig.id' \
  >/dev/null || fail "setupPixelSignalConfig failed"

# One Conversions API batch of 100 events with clear-text e-mail addresses (the gateway hashes them), and one
# browser pixel event as the pixel's plugin sends it. Event times are now, well inside the accepted window.
jq -n --argjson now "$(date +%s)" '{data: [range(100) | {
    event_name: (if . % 4 == 0 then "Purchase" else "PageView" end), event_time: $now,
    event_id: "bench-\(.)", action_source: "website", event_source_url: "https://shop.bench.example/item/\(.)",
    user_data: {em: ["buyer\(.)@bench.example"], client_ip_address: "203.0.113.7",
      client_user_agent: "Mozilla/5.0 (X11; Linux x86_64) bench"},
    custom_data: {value: 10.5, currency: "USD"}}]}' >"$work/capi-batch.json"
jq -n --arg pixel "$pixel_id" '{event_name: "PageView",
    event_id: "ob3_plugin-set_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "fb.pixel_id": $pixel, "fb.fbp": "fb.1.1764877160455.85058804220516338", "fb.advanced_matching": {},
    custom_data: {}, "fb.dynamic_product_ads": {}, conversion_value: {value: 10, currency: "USD"},
    "plugin.oneTrustId": "", website_context: {location: "https://shop.bench.example/", referrer: "",
    isInIFrame: false}, event_meta_info: {}}' >"$work/pixel-event.json"

# Sets the wrk environment of one scenario and checks its response once with curl, because wrk does not
# look at response bodies: a run of fast errors would otherwise pass for a fast endpoint.
prepare() {
  export BENCH_NAME="$1" BENCH_BODY="" BENCH_TOKEN="" BENCH_CONTENT_TYPE=""
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
    capi-batch)
      path="/capi/$pixel_id/events" BENCH_BODY="$work/capi-batch.json" BENCH_TOKEN="$pixel_token"
      check="$(curl -s --max-time 10 "$base$path" -H "Authorization: Bearer $pixel_token" \
        -H 'Content-Type: application/json' --data-binary "@$BENCH_BODY" | jq -r .events_received)"
      [[ "$check" == 100 ]] ;;
    pixel-event)
      path="/events" BENCH_BODY="$work/pixel-event.json"
      export BENCH_CONTENT_TYPE="text/plain;charset=UTF-8"
      check="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$base$path" \
        -H "Content-Type: $BENCH_CONTENT_TYPE" --data-binary "@$BENCH_BODY")"
      [[ "$check" == 2?? ]] ;;
    *)
      fail "unknown scenario '$1'" ;;
  esac || fail "scenario $1 does not answer as expected (got '$check')"
}

# User plus system CPU time of the server process so far, in clock ticks (/proc/PID/stat fields 14 and 15).
server_cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$server_pid/stat"
}

# After an ingest scenario: waits until every accepted event has left the queue (published to the fake, or
# counted as failed) and prints how long that took after wrk stopped, and the totals so far.
drain() {
  local started=$SECONDS depth=-1
  for _ in $(seq 1 $((${BENCH_DRAIN_WAIT:-120} * 2))); do
    depth="$(sqlite3 -cmd ".timeout 10000" "$work/gatehouse.db" 'SELECT COUNT(*) FROM QueuedEvents')"
    [[ "$depth" == 0 ]] && break
    sleep 0.5
  done
  local counts
  counts="$(sqlite3 -cmd ".timeout 10000" -separator ' ' "$work/gatehouse.db" \
    'SELECT COALESCE(SUM(EventsReceived), 0), COALESCE(SUM(EventsPublished), 0), COALESCE(SUM(PublishFailures), 0)
     FROM TrafficBuckets')"
  read -r received published failed <<<"$counts"
  echo "drain_s=$((SECONDS - started)) left_in_queue=$depth received_total=$received published_total=$published" \
    "failed_total=$failed delivered_to_fake=$(curl -s --max-time 5 "$fake/stats" | jq -r .events)"
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
  case "$scenario" in
    capi-batch) line="$line events_per_request=100 $(drain)" ;;
    pixel-event) line="$line events_per_request=1 $(drain)" ;;
    *) line="$line events_per_request=0" ;;
  esac
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
    per[n] = field("events_per_request"); drained[n] = field("drain_s"); left[n] = field("left_in_queue")
    if (names[n] == "healthz") { floor_rps = rps[n]; floor_p99 = p99[n] }
  }
  END {
    printf "%-16s %9s %9s %8s %8s %12s %10s %12s %8s %8s\n", "scenario", "req/s", "events/s", "p50 ms", "p99 ms", \
      "req/s floor", "p99/floor", "server µs/req", "non-2xx", "drain s"
    for (i = 1; i <= n; i++) {
      ratio = floor_rps > 0 ? sprintf("%.1f%%", 100 * rps[i] / floor_rps) : "-"
      slow = floor_p99 > 0 ? sprintf("%.1fx", p99[i] / floor_p99) : "-"
      events = per[i] > 0 ? sprintf("%.0f", rps[i] * per[i]) : "-"
      printf "%-16s %9.0f %9s %8.2f %8.2f %12s %10s %12d %8d %8s\n",
        names[i], rps[i], events, p50[i], p99[i], ratio, slow, cpu[i], bad[i], (drained[i] == "" ? "-" : drained[i])
      if (names[i] == "capi-batch") {
        met = (rps[i] * 100 >= 30000 && p99[i] < 50 && left[i] == 0) ? "MET" : "NOT MET"
        ingest = sprintf("target (capi-batch >= 30000 events/s, p99 < 50 ms, queue drained): %s (%.0f events/s, " \
          "p99 %.2f ms, %s left after the drain wait)", met, rps[i] * 100, p99[i], left[i])
      }
      if (names[i] == "get-account" && floor_rps > 0) {
        met = (rps[i] >= 0.4 * floor_rps && p99[i] < 20) ? "MET" : "NOT MET"
        target = sprintf("target (Get Account >= 40%% of floor req/s and p99 < 20 ms): %s (%.1f%%, p99 %.2f ms)",
          met, 100 * rps[i] / floor_rps, p99[i])
      }
    }
    if (target != "") print target
    if (ingest != "") print ingest
  }' "$results"
