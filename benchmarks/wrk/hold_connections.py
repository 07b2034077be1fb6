#!/usr/bin/env python3
"""Holds N connections to a server for a while, then closes them.

idle: connect and send nothing (a browser's spare keep-alive socket, a port scanner).
slow: send a request line, then one header byte per second (slowloris).
Prints how many the server closed on its own before the end."""
import socket
import sys
import time

host, port, mode, count, seconds = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
socks = []
for _ in range(count):
    s = socket.create_connection((host, port))
    s.setblocking(False)
    if mode == "slow":
        s.send(b"GET /health HTTP/1.1\r\nHost: x\r\n")
    socks.append(s)
print(f"holding {len(socks)} {mode} connections for {seconds:.0f} s", flush=True)
end = time.time() + seconds
closed_by_server = set()
while time.time() < end:
    for i, s in enumerate(socks):
        if i in closed_by_server:
            continue
        try:
            if mode == "slow":
                s.send(b"X")
            data = s.recv(4096)
            if data == b"" or data.startswith(b"HTTP/1.1 4"):
                closed_by_server.add(i)
        except BlockingIOError:
            pass
        except OSError:
            closed_by_server.add(i)
    time.sleep(1)
print(f"server closed {len(closed_by_server)} of {len(socks)} before the end", flush=True)
for s in socks:
    s.close()
