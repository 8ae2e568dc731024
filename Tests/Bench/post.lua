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

-- The summary line, as every bench script prints it.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "result.lua")
