#!/usr/bin/env python3
"""Writes N JSON Lines of the batch benchmark's scenario to stdout: a Lambda and two fleets sized
from traffic (the scenario of benchmarks/batch_benchmarks.cpp), the traffic varied per line.
Usage: lines.py N"""
import sys

n = int(sys.argv[1])
tail = ('"duration_ms":120},"offerings":[{"kind":"lambda","region":"us-east-1","memory_mb":512},'
        '{"kind":"vm","provider":"aws","region":"us-east-1","instance":"t3.micro","capacity_rps":100},'
        '{"kind":"vm","provider":"aws","region":"us-east-1","instance":"m7g.large","capacity_rps":400}]}\n')
out = sys.stdout
block = []
for i in range(n):
    block.append('{"id":"%d","workload":{"requests_per_second":%d,%s' % (i, 1 + i % 500, tail))
    if len(block) == 10000:
        out.write("".join(block))
        block = []
out.write("".join(block))
