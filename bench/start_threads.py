"""Runs one command (a `lifeboat` launcher and its JVM) and prints the CPU milliseconds of each kind
of its JVM's threads (digits in names taken out, "C# CompilerThre"), largest first, then the total
and the wall: a one-shot command's start by thread. Each thread's run time comes from
/proc/PID/task/TID/schedstat (nanoseconds), sampled every 5 ms and kept after the thread has ended,
so a thread that lives a few milliseconds is still counted (thread_cpu.py samples every 0.1 s, for
passes of seconds); up to 5 ms of a thread's last moments may be missed. Output of the command is
discarded. The tool behind "A fresh agent's start: its identity without Bouncy Castle, and the public
roots read off the handshake (issue 14, session 25)" in docs/performance.md.

Usage: start_threads.py COMMAND [ARG...]
   e.g. start_threads.py ./lifeboat agent protect --dir A --once disk.img
"""
import os
import re
import subprocess
import sys
import time


def jvm_of(root):
    """The first process named `java` at or under root (the launcher runs or execs it), or None."""
    todo = [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() == "java":
                    return pid
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return None


def main():
    start = time.time()
    command = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    threads = {}  # tid: (name, ns run)
    while command.poll() is None:
        jvm = jvm_of(command.pid)
        if jvm:
            try:
                tids = os.listdir(f"/proc/{jvm}/task")
            except OSError:
                tids = []
            for tid in tids:
                try:
                    with open(f"/proc/{jvm}/task/{tid}/comm") as f:
                        name = f.read().strip()
                    with open(f"/proc/{jvm}/task/{tid}/schedstat") as f:
                        threads[tid] = (name, int(f.read().split()[0]))
                except OSError:
                    pass
        time.sleep(0.005)
    wall = time.time() - start
    kinds = {}
    for name, ns in threads.values():
        kind = re.sub(r"\d+", "#", name)
        kinds[kind] = kinds.get(kind, 0) + ns
    for kind, ns in sorted(kinds.items(), key=lambda k: -k[1]):
        print(f"{ns / 1e6:8.1f} ms {kind}")
    print(f"{sum(kinds.values()) / 1e6:8.1f} ms total, {len(threads)} threads")
    print(f"{wall * 1000:8.1f} ms wall")


if __name__ == "__main__":
    main()
