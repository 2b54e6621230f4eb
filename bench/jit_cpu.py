"""Prints the CPU seconds that a JVM's JIT compiler threads spent, sampled until the JVM ends, and
then its own CPU seconds (which a caller counting its children's CPU takes off again).

Usage: jit_cpu.py PID   (the JVM, or a process it descends from, such as `timeout` or ./lifeboat)

-XX:+CITime reports compile time as elapsed time, which on 2 busy cores is about twice the CPU the
compilers used; this reads each compiler thread's user+system time from /proc instead, every 0.1 s,
and keeps a thread's last reading after it has ended (the JVM stops idle compiler threads).
"""
import os
import sys

from jvm_threads import TICK, sample_until_exit


def main():
    seen = sample_until_exit(sys.argv[1])
    compilers = sum(ticks for name, ticks in seen.values() if "CompilerThre" in name)
    own = os.times()
    print(f"{compilers / TICK:.2f} {own.user + own.system:.2f}")


main()
