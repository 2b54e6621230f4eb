"""Prints a timeline of a JVM's threads by kind: per slice of wall time, the CPU each kind used and
the time it waited for a core (runnable, not running), from /proc/PID/task/TID/schedstat, and a D
for each of its threads found in uninterruptible sleep (waiting for the disk) at the slice's end.

Usage: thread_timeline.py PID [SLICE_SECONDS]   (the JVM, or a process it descends from; slice 0.1 s)

It shows which phases of a run are serial (one kind busy, the other core idle), which overlap, and on
a shared machine how much of the wall time was spent waiting for a core rather than working: CPU and
wait together over a slice's length is the kind's demand for cores. Kinds as bench/failover.sh names
them: main (the calling thread, `java`), reading (`lifeboat-*`), JIT (`C1/C2 CompilerThread`), other.
Nothing is attached to the JVM. Up to one slice of a thread's last moments may be missed.
"""
import os
import sys
import time

from jvm_threads import find_jvm, schedstats


def kind(name):
    if name == "java":
        return "main"
    if name.startswith("lifeboat"):
        return "reading"
    if "Compiler" in name:
        return "JIT"
    return "other"


def sample(pid):
    """{tid: (kind, cpu ns, wait ns, in uninterruptible sleep)}, or None once the JVM is gone."""
    now = schedstats(pid)
    return None if now is None else {tid: (kind(name), run, wait, d) for tid, (name, run, wait, d) in now.items()}


def main():
    slice_s = float(sys.argv[2]) if len(sys.argv) > 2 else 0.1
    pid = find_jvm(sys.argv[1])
    kinds = ["main", "reading", "JIT", "other"]
    last, t0 = {}, time.monotonic()
    print(f"{'t (s)':>6} " + " ".join(f"{k[:7] + ' cpu/wait':<15}" for k in kinds) + "   load")
    while pid is not None:
        now = sample(pid)
        if now is None:
            break
        cpu = dict.fromkeys(kinds, 0)
        wait = dict.fromkeys(kinds, 0)
        io = dict.fromkeys(kinds, 0)
        for tid, (k, c, w, d) in now.items():
            _, c0, w0, _ = last.get(tid, (k, 0, 0, False))
            cpu[k] += c - c0
            wait[k] += w - w0
            io[k] += d
        last.update(now)
        t = time.monotonic() - t0
        print(f"{t:6.2f} " + " ".join(f"{cpu[k] / 1e9:5.2f}/{wait[k] / 1e9:<5.2f}{'D' * io[k]:<3}" for k in kinds)
              + f"   {os.getloadavg()[0]:.1f}", flush=True)
        time.sleep(slice_s)
    totals = {k: 0 for k in kinds}
    waits = {k: 0 for k in kinds}
    for k, c, w, _ in last.values():
        totals[k] += c
        waits[k] += w
    print("in all  " + "  ".join(f"{k} {totals[k] / 1e9:.2f}/{waits[k] / 1e9:.2f}" for k in kinds)
          + f"  over {time.monotonic() - t0:.2f} s")


main()
