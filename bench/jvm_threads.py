"""Samples a JVM's threads from /proc: the shared part of jit_cpu.py, thread_cpu.py, thread_timeline.py
and thread_demand.py.

Nothing is attached to the JVM, so it runs as it would without it. Each thread's user+system time is
read every 0.1 s and a thread's last reading is kept after it has ended (the JVM stops idle compiler
threads); up to 0.1 s of a thread's last moments may be missed.
"""
import os
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


def sample_until_exit(root, stop=None):
    """{tid: (thread name, CPU ticks)} of the JVM at or under root, sampled until it ends, or until
    stop() is true (then the last sample is taken after stop() turned true)."""
    pid = find_jvm(root)
    seen = {}
    stopping = False
    while pid is not None:
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except FileNotFoundError:
            break
        if not tids:
            break
        for tid in tids:
            try:
                with open(f"/proc/{pid}/task/{tid}/stat") as f:
                    stat = f.read()
            except (FileNotFoundError, ProcessLookupError):
                continue
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            seen[tid] = (name, int(fields[11]) + int(fields[12]))  # utime, stime (fields 14, 15 of stat)
        if stopping:
            break
        stopping = stop is not None and stop()
        if not stopping:
            time.sleep(0.1)
    return seen


def schedstats(pid):
    """{tid: (thread name, ns run, ns waited for a core, in uninterruptible sleep)} of process pid's
    threads now, from /proc/PID/task/TID/schedstat; None once the process is gone."""
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return None
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                run, wait, _ = f.read().split()
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
        out[tid] = (name, int(run), int(wait), state == "D")
    return out or None
