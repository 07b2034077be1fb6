-- wrk -s latency.lua: plain GET; prints p50/p99 in ms in a parseable form.
done = function(summary, latency, requests)
  io.write(string.format("p50_ms %.3f\np99_ms %.3f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
