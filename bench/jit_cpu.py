"""Prints the CPU seconds that a JVM's JIT compiler threads spent, sampled until the JVM ends, and
then its own CPU seconds (which a caller counting its children's CPU takes off again).

Usage: jit_cpu.py PID   (the JVM, or a process it descends from, such as `timeout` or ./lifeboat)

-XX:+CITime reports compile time as elapsed time, which on 2 busy cores is about twice the CPU the
compilers used; this reads each compiler thread's user+system time from /proc instead, every 0.1 s,
and keeps a thread's last reading after it has ended (the JVM stops idle compiler threads).
"""
import os
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
        if not tids:
            break
        for tid in tids:
            try:
                with open(f"/proc/{pid}/task/{tid}/stat") as f:
                    stat = f.read()
            except (FileNotFoundError, ProcessLookupError):
                continue
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            if "CompilerThre" in name:
                fields = stat[stat.rindex(")") + 2:].split()
                seen[tid] = int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 of stat)
        time.sleep(0.1)
    own = os.times()
    print(f"{sum(seen.values()) / TICK:.2f} {own.user + own.system:.2f}")


main()
