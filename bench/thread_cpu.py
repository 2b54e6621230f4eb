"""Prints the CPU seconds a JVM spent per kind of thread, sampled until the JVM ends.

Usage: thread_cpu.py PID   (the JVM, or a process it descends from, such as ./lifeboat)

Reads each thread's user+system time from /proc every 0.1 s and keeps a thread's last reading after
it has ended, then groups threads by name with the digits taken out ("ForkJoinPool.commonPool-worker-#",
"C2 CompilerThread#"), largest first, one "SECONDS NAME" line each. A profile without a profiler:
nothing is attached to the JVM, so it runs as it would without it. Up to 0.1 s of a thread's last
moments may be missed.
"""
import os
import re
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")

def comm(pid):
    with open(f"/proc/{pid}/comm") as f:
        return f.read().strip()


def find_jvm(root):
    """The first `java` process at or under root, waiting up to 10 s for it to start."""
    for _ in range(200):
        todo = [root]
        while todo:
            pid = todo.pop()
            try:
                if comm(pid) == "java":
                    return pid
                with open(f"/proc/{pid}/task/{pid}/children") as f:
                    todo.extend(f.read().split())
            except FileNotFoundError:
                continue
        time.sleep(0.05)
    return None


def main():
    pid = find_jvm(sys.argv[1])
    seen = {}
    while pid is not None:
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except FileNotFoundError:
            break
        for tid in tids:
            try:
                with open(f"/proc/{pid}/task/{tid}/stat") as f:
                    stat = f.read()
            except (FileNotFoundError, ProcessLookupError):
                continue
            name = re.sub(r"\d+", "#", stat[stat.index("(") + 1:stat.rindex(")")])
            fields = stat[stat.rindex(")") + 2:].split()
            seen[tid] = (name, int(fields[11]) + int(fields[12]))
        time.sleep(0.1)
    groups = {}
    for name, ticks in seen.values():
        groups[name] = groups.get(name, 0) + ticks
    for name, ticks in sorted(groups.items(), key=lambda kv: -kv[1]):
        if ticks:
            print(f"{ticks / TICK:6.2f} {name}")
    print(f"{sum(groups.values()) / TICK:6.2f} in all")


main()
