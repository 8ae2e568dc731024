-- wrk: POST the SOAP requests $BENCH_DIR/request-1.xml … in turn (one per citizen), and print the figures.
local bodies = {}
for i = 1, 1000 do
  local f = io.open(os.getenv("BENCH_DIR") .. "/request-" .. i .. ".xml", "rb")
  if not f then break end
  bodies[#bodies + 1] = f:read("*a")
  f:close()
end
local counter = 0
local headers = { ["Content-Type"] = "text/xml; charset=utf-8" }

function request()
  counter = counter + 1
  return wrk.format("POST", nil, headers, bodies[(counter % #bodies) + 1])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.1f p50=%d p99=%d p999=%d errors=%d non2xx=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50), latency:percentile(99),
    latency:percentile(99.9), summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
