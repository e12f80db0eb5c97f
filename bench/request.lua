-- One request shape for a whole wrk run, taken from the environment so that run.sh can drive every scenario
-- with this one script:
--   BENCH_BODY   path of a JSON file; when set the request is a POST of that body as application/json
--   BENCH_TOKEN  when set, sent as "Authorization: Bearer <token>"
--   BENCH_CONTENT_TYPE  Content-Type of the body (default application/json); browsers send pixel events as text/plain
--   BENCH_NAME   label printed in the result line
-- done() prints one line that run.sh parses:
--   RESULT name=... requests=... seconds=... rps=... p50_ms=... p90_ms=... p99_ms=... max_ms=... non2xx=... errors=...

local body_path = os.getenv("BENCH_BODY")
local token = os.getenv("BENCH_TOKEN")

if body_path ~= nil and body_path ~= "" then
  local file = assert(io.open(body_path, "rb"))
  wrk.body = file:read("*a")
  file:close()
  wrk.method = "POST"
  local content_type = os.getenv("BENCH_CONTENT_TYPE")
  if content_type == nil or content_type == "" then
    content_type = "application/json"
  end
  wrk.headers["Content-Type"] = content_type
  wrk.headers["Accept"] = "application/json"
else
  wrk.method = "GET"
end

if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

function done(summary, latency, requests)
  local errors = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT name=%s requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f "
      .. "non2xx=%d errors=%d\n",
    os.getenv("BENCH_NAME") or "unnamed",
    summary.requests,
    seconds,
    summary.requests / seconds,
    latency:percentile(50) / 1000,
    latency:percentile(90) / 1000,
    latency:percentile(99) / 1000,
    latency.max / 1000,
    errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
