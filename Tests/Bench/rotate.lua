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

-- The summary line, as every bench script prints it.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "result.lua")
