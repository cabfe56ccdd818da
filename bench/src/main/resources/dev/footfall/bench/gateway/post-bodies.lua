-- wrk script of the Footfall bench: POSTs pre-built bodies, one per line of a file, in turn,
-- and prints a JSON summary line the bench reads.
--   wrk ... -s post-bodies.lua URL -- BODIES_FILE AUTHORIZATION PATH
-- Requests are formatted once at start-up, so Lua costs nothing per request.

local prepared = {}
local count = 0
local next_index = 0

function init(args)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = args[2],
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  }
  for line in io.lines(args[1]) do
    count = count + 1
    prepared[count] = wrk.format("POST", args[3], headers, line)
  end
  if count == 0 then
    error("no bodies in " .. args[1])
  end
  -- each wrk thread starts somewhere else in the list
  next_index = math.random(count) - 1
end

function request()
  next_index = next_index % count + 1
  return prepared[next_index]
end

function done(summary, latency, requests)
  io.write(string.format(
    '@@wrk {"requests":%d,"durationMicros":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,' ..
    '"writeErrors":%d,"statusErrors":%d,"timeouts":%d,' ..
    '"latencyMicros":{"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
end
