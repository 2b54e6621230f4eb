"""Per-thread CPU of a running JVM between two moments, for a vault that outlives the pass measured.

Usage: thread_snap.py PID > SNAP          (the JVM's threads' CPU ticks now, one "TID TICKS NAME" line each)
       thread_snap.py PID --since SNAP     (the CPU seconds since SNAP, per kind of thread, largest first)

Threads are grouped as bench/thread_cpu.py groups them (digits taken out of the name). A thread that
ended between the two moments is not counted (the JVM stops idle compiler threads), so the total can
be lower than the process's own (bench/lib.sh process_ticks); the last line says by how much.
"""
import os
import re
import sys

TICK = os.sysconf("SC_CLK_TCK")


def threads(pid):
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip()
        except FileNotFoundError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        out[tid] = (int(fields[11]) + int(fields[12]), name)
    return out


def process_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


def main():
    pid = sys.argv[1]
    now = threads(pid)
    if len(sys.argv) < 4:
        print(f"process {process_ticks(pid)}")
        for tid, (ticks, name) in now.items():
            print(f"{tid} {ticks} {name}")
        return
    before, before_process = {}, 0
    with open(sys.argv[3]) as f:
        for line in f:
            parts = line.rstrip("\n").split(" ", 2)
            if parts[0] == "process":
                before_process = int(parts[1])
            else:
                before[parts[0]] = int(parts[1])
    groups = {}
    for tid, (ticks, name) in now.items():
        name = re.sub(r"\d+", "#", name)
        groups[name] = groups.get(name, 0) + ticks - before.get(tid, 0)
    for name, ticks in sorted(groups.items(), key=lambda kv: -kv[1]):
        if ticks:
            print(f"{ticks / TICK:6.2f} {name}")
    counted = sum(groups.values())
    whole = process_ticks(pid) - before_process
    print(f"{counted / TICK:6.2f} in all ({(whole - counted) / TICK:.2f} s more in threads that ended)")


main()
