"""Prints the CPU seconds that a JVM's JIT compiler threads spent, sampled until the JVM ends, and
then its own CPU seconds (which a caller counting its children's CPU takes off again).

Usage: jit_cpu.py PID [STOP_FILE]   (the JVM, or a process it descends from, such as `timeout` or
./lifeboat). With STOP_FILE (for a JVM that stays up, such as the vault), counts only what the
compiler threads spent from this script's start until STOP_FILE exists.

-XX:+CITime reports compile time as elapsed time, which on 2 busy cores is about twice the CPU the
compilers used; this reads each compiler thread's user+system time from /proc instead, every 0.1 s,
and keeps a thread's last reading after it has ended (the JVM stops idle compiler threads).
"""
import os
import sys

from jvm_threads import TICK, sample_until_exit


def compiler_ticks(seen, before=None):
    """The compiler threads' ticks in seen, less each thread's reading in before (if any)."""
    before = before or {}
    return sum(ticks - before.get(tid, ("", 0))[1] for tid, (name, ticks) in seen.items() if "CompilerThre" in name)


def main():
    if len(sys.argv) > 2:
        stop_file = sys.argv[2]
        # each thread's first reading is its baseline; a compiler thread started later counts from zero
        before = sample_until_exit(sys.argv[1], stop=lambda: True)
        compilers = compiler_ticks(sample_until_exit(sys.argv[1], stop=lambda: os.path.exists(stop_file)), before)
    else:
        compilers = compiler_ticks(sample_until_exit(sys.argv[1]))
    own = os.times()
    print(f"{compilers / TICK:.2f} {own.user + own.system:.2f}")


main()
