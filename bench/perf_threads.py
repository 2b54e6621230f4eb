#!/usr/bin/env python3
"""bench/perf_threads.py: a JVM's CPU by thread and by kind of code, from `perf script` of a run.

Reads `perf script -F comm,tid,ip,sym,dso -G` on stdin (a `perf record -F HZ` of a JVM started with
-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit, so that compiled code and the interpreter are
named) and prints, for the threads that took most, their CPU seconds split into: the interpreter,
compiled Java code, the kernel, the JVM itself (libjvm: class loading and linking, the compilers,
the interpreter's runtime calls), and other libraries. For the tree walk's read-ahead threads it
also prints two parts named in docs/performance.md: the kernel's path lookup (each lstat resolving
the child's whole path) and the agent's lookups by path (the last point's index and the block
record's map). Usage: perf script ... | bench/perf_threads.py HZ
"""
import collections
import re
import sys

LINE = re.compile(r"\s*(.+?)\s+(\d+)\s+([0-9a-f]+)\s+(.*) \((.*)\)\s*$")
PATH_LOOKUP = ("d_lookup", "link_path_walk", "walk_component", "path_lookupat", "lookup_fast", "step_into",
               "inode_permission", "filename_lookup", "getname", "strncpy_from_user", "putname")
LOOKUP_BY_PATH = ("HashMap.getNode", "PathIndex", "String.equals", "StringLatin1.equals")


def kind(sym, dso):
    if "kernel" in dso:
        return "kernel"
    if sym == "Interpreter":
        return "interpreter"
    if "perf-" in dso or "JIT" in dso:
        return "compiled"
    if dso.endswith("libjvm.so"):
        return "jvm"
    return "other"


def main():
    hz = float(sys.argv[1])
    kinds = collections.defaultdict(collections.Counter)
    parts = collections.Counter()
    for line in sys.stdin:
        m = LINE.match(line)
        if not m:
            continue
        comm, _, _, sym, dso = m.groups()
        kinds[comm][kind(sym, dso)] += 1
        if comm.startswith("lifeboat-read-a"):
            parts["path lookup (kernel)"] += any(p in sym for p in PATH_LOOKUP)
            parts["lookups by path"] += any(p in sym for p in LOOKUP_BY_PATH)
    total = sum(sum(c.values()) for c in kinds.values())
    print(f"all threads {total / hz:.2f} CPU s (threads named 'java' are the main thread and any not yet named)")
    for comm, c in sorted(kinds.items(), key=lambda kv: -sum(kv[1].values()))[:10]:
        print(f"  {comm:<18} {sum(c.values()) / hz:5.2f} s:" + "".join(f"  {k} {n / hz:.3f}" for k, n in c.most_common()))
    print("  read-ahead threads:" + "".join(f"  {k} {n / hz:.3f}" for k, n in parts.items()))


if __name__ == "__main__":
    main()
