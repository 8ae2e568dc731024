-- wrk: POST the SOAP request in $BENCH_BODY; with $BENCH_DELAY_MS, each connection waits that long
-- between requests (to hold a rate); prints p50/p99/p99.9 latency (µs) and the request rate.
local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "text/xml; charset=utf-8"
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")

function delay()
  return pause
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.1f p50=%d p99=%d p999=%d errors=%d non2xx=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50), latency:percentile(99),
    latency:percentile(99.9), summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
