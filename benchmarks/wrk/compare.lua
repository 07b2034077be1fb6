-- wrk -s compare.lua: POST /api/v1/compare, Lambda against five VM fleets (sized from traffic).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"workload":{"requests_per_month":30000000,"duration_ms":120,"response_kb":8,"peak_to_mean":3},
"offerings":[
 {"kind":"lambda","memory_mb":512},
 {"kind":"vm","id":"t3-micro","instance":"t3.micro","capacity_rps":40},
 {"kind":"vm","id":"t3-small","instance":"t3.small","capacity_rps":80},
 {"kind":"vm","id":"m7g-large","instance":"m7g.large","capacity_rps":300,"purchase":"1yr"},
 {"kind":"vm","id":"c7g-large-alb","instance":"c7g.large","capacity_rps":400,"load_balancer":true},
 {"kind":"vm","id":"t3-medium-fixed","instance":"t3.medium","count":2}
]}]]

-- No response() callback: wrk counts non-2xx answers itself ("Non-2xx or 3xx responses"), and a
-- Lua callback per 14 KB answer would load the client, which shares the server's cores.
done = function(summary, latency, requests)
  io.write(string.format("p50_ms %.3f\np99_ms %.3f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
