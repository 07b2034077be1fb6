#!/usr/bin/env python3
"""What a server holds for clients that never read: N clients send the largest sweep the API
takes (20 offerings x 1,000 x 10 x 10 cells) and never read the answer; then three such sweeps of
2 memories are read in turn. Prints the server's RSS (from /proc/PID/status) and its output gauges.

    stalled_readers.py PORT PID [CLIENTS=20] [HOLD_SECONDS=5]
"""
import json
import socket
import sys
import time
import urllib.request

port, pid = int(sys.argv[1]), int(sys.argv[2])
clients = int(sys.argv[3]) if len(sys.argv) > 3 else 20
hold = float(sys.argv[4]) if len(sys.argv) > 4 else 5.0


def rss_mb():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def gauges():
    try:
        text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
    except OSError as e:
        return f"/metrics: {e}"
    wanted = ("costsim_http_output_buffered_bytes", "costsim_http_answers_streaming")
    return ", ".join(l for l in text.splitlines() if l.startswith(wanted)) or "(no output gauges)"


def sweep_body(memories):
    offerings = [{"id": f"fn{i}", "kind": "lambda", "memory_mb": 512} if i % 2 == 0 else
                 {"id": f"vm{i}", "kind": "vm", "instance": "t3.micro", "count": (i + 1) // 2} for i in range(20)]
    return json.dumps({"workload": {"requests_per_month": 3000000, "duration_ms": 120}, "offerings": offerings,
                       "sweep": {"requests_per_second": list(range(1, 1001)),
                                 "duration_ms": [10 * i for i in range(1, 11)],
                                 "memory_mb": [128 * i for i in range(1, memories + 1)]}}).encode()


def request(body, close=False):
    return (b"POST /api/v1/sweep HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + (b"Connection: close\r\n" if close else b"") + b"Content-Length: %d\r\n\r\n" % len(body) + body)


print(f"idle: RSS {rss_mb():.1f} MB", flush=True)
big = request(sweep_body(10))
socks = []
start = time.time()
for _ in range(clients):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(("127.0.0.1", port))
    s.sendall(big)
    socks.append(s)
peak = 0.0
while time.time() - start < hold:
    peak = max(peak, rss_mb())
    time.sleep(0.05)
print(f"{clients} clients not reading, after {hold:.0f} s: RSS {rss_mb():.1f} MB (peak {peak:.1f} MB); {gauges()}",
      flush=True)
for s in socks:
    s.close()
time.sleep(1)
print(f"after they left: RSS {rss_mb():.1f} MB; {gauges()}", flush=True)

for i in range(3):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(request(sweep_body(2), close=True))
    received = 0
    while chunk := s.recv(1 << 16):
        received += len(chunk)
    s.close()
    print(f"sweep {i + 1} read whole ({received / 1e6:.1f} MB): RSS {rss_mb():.1f} MB", flush=True)
urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=10).read()
time.sleep(1)
print(f"a second later: RSS {rss_mb():.1f} MB", flush=True)
