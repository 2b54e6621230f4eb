"""Prints, per thread of a JVM, the seconds it ran and the seconds it waited for a core, sampled until
the JVM ends: whether one thread was a run's critical path (its running and waiting together close to
the run's wall time) or had time to spare (bench/tree_full.sh asks it of the uploader's thread).

Usage: thread_demand.py PID [NAME_PREFIX...]   (the JVM, or a process it descends from)

From /proc/PID/task/TID/schedstat every 0.1 s (run time, run-queue wait), a thread's last reading
kept after it has ended. One line per thread whose name starts with a NAME_PREFIX (default: every
thread of "lifeboat-" and "ForkJoinPool"), "RUN WAIT NAME", threads of one name summed, and last the
seconds from the first sample to the JVM's end. Nothing is attached to the JVM.
"""
import sys
import time

from jvm_threads import find_jvm, schedstats


def main():
    pid = find_jvm(sys.argv[1])
    prefixes = tuple(sys.argv[2:]) or ("lifeboat-", "ForkJoinPool")
    seen, t0 = {}, time.monotonic()
    while pid is not None:
        now = schedstats(pid)
        if now is None:
            break
        seen.update({tid: (name, run, wait) for tid, (name, run, wait, _) in now.items()})
        time.sleep(0.1)
    wall = time.monotonic() - t0
    groups = {}
    for name, run, wait in seen.values():
        if name.startswith(prefixes):
            r, w, n = groups.get(name, (0, 0, 0))
            groups[name] = (r + run, w + wait, n + 1)
    for name, (run, wait, n) in sorted(groups.items(), key=lambda kv: -kv[1][0]):
        print(f"{run / 1e9:6.2f} {wait / 1e9:6.2f} {name} ({n})")
    print(f"{wall:6.2f} wall")


main()
