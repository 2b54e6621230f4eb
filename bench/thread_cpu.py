"""Prints the CPU seconds a JVM spent per kind of thread, sampled until the JVM ends.

Usage: thread_cpu.py PID   (the JVM, or a process it descends from, such as ./lifeboat)

Reads each thread's user+system time from /proc every 0.1 s and keeps a thread's last reading after
it has ended, then groups threads by name with the digits taken out ("ForkJoinPool.commonPool-worker-#",
"C2 CompilerThread#"), largest first, one "SECONDS NAME" line each. A profile without a profiler:
nothing is attached to the JVM, so it runs as it would without it. Up to 0.1 s of a thread's last
moments may be missed.
"""
import re
import sys

from jvm_threads import TICK, sample_until_exit


def main():
    groups = {}
    for name, ticks in sample_until_exit(sys.argv[1]).values():
        name = re.sub(r"\d+", "#", name)
        groups[name] = groups.get(name, 0) + ticks
    for name, ticks in sorted(groups.items(), key=lambda kv: -kv[1]):
        if ticks:
            print(f"{ticks / TICK:6.2f} {name}")
    print(f"{sum(groups.values()) / TICK:6.2f} in all")


main()
