"""Runs one command (a `lifeboat` launcher and its JVM) and prints "WALL CPU MAIN": its wall seconds,
the CPU seconds of it and all its children (user+system, from wait4), and the CPU seconds of the
JVM's main thread (its creation included) (sampled from /proc every 10 ms: a one-shot command lasts a fraction of a second,
where jvm_threads.py's 0.1 s would miss much of it). Output of the command is discarded.

Usage: command_cpu.py COMMAND [ARG...]
"""
import os
import subprocess
import sys
import time

from jvm_threads import TICK, comm


def main_thread_ticks(root):
    """The CPU ticks of the threads named "java" in the first `java` process at or under root (the
    launcher's first thread, which waits, and the one it starts for the JVM's creation and `main`:
    Linux names Java's main thread after the process), or None before the JVM has started."""
    todo = [root]
    while todo:
        pid = todo.pop()
        try:
            if comm(pid) == "java":
                ticks = 0
                for tid in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{tid}/stat") as f:
                        stat = f.read()
                    if stat[stat.index("(") + 1:stat.rindex(")")] == "java":
                        fields = stat[stat.rindex(")") + 2:].split()
                        ticks += int(fields[11]) + int(fields[12])
                return ticks
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return None


def main():
    t0 = time.monotonic()
    p = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    main_ticks = 0
    while True:
        done, _, usage = os.wait4(p.pid, os.WNOHANG)
        if done:
            break
        ticks = main_thread_ticks(p.pid)
        if ticks is not None:
            main_ticks = max(main_ticks, ticks)
        time.sleep(0.01)
    wall = time.monotonic() - t0
    print(f"{wall:.3f} {usage.ru_utime + usage.ru_stime:.3f} {main_ticks / TICK:.2f}")

main()
