-- wrk script for every benchmark page (bench/loadgen.py sets the variables).
--   BENCH_METHOD  GET (default) or POST
--   BENCH_BODY    form body of a POST (add to basket: csrfmiddlewaretoken=...&quantity=1)
--   BENCH_COOKIE  Cookie header (csrftoken, and sessionid for the logged-in customer)
--   BENCH_OUT     file the JSON summary is written to when the run ends
-- Non-2xx/3xx answers are counted by wrk itself (errors.status).

local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY") or ""
local cookie = os.getenv("BENCH_COOKIE") or ""

wrk.method = method
wrk.headers["Accept-Language"] = "th"
if cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
if method == "POST" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  -- No Origin header: on plain http Django then checks the token only, as
  -- for a browser that omits it.
end

function done(summary, latency, requests)
  local path = os.getenv("BENCH_OUT")
  if not path then return end
  local e = summary.errors
  local out = io.open(path, "w")
  out:write(string.format(
    '{"duration_us": %d, "requests": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d, "mean": %.1f}}',
    summary.duration, summary.requests, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max, latency.mean))
  out:close()
end
