#!/usr/bin/env python3
"""bench/perf_split.py [--threads] PERF_DATA [SAMPLE_HZ]: where a JVM's CPU went, from a `perf record -g`
of it, in one of two views.

By what the work is (the default): Each sample goes into one row by its thread and its stack: the compiler
threads, the collector, SHA-256, the XXH3 fingerprint, the sniff and zstd, page faults (the first
touch of fresh memory) by thread, TLS's encryption and its other native work, the copies (arraycopy
stubs and memmove) by thread, the kernel by thread (the socket's send, the reads), the interpreter by
thread, the JVM's own runtime (class loading, linking) and compiled Java by thread. Prints CPU
seconds (samples / SAMPLE_HZ, default 999) and shares.

To record a cold agent's passes with bench/agent_cpu.sh, give it as launcher a script that runs
  perf record -F 999 -g -o /tmp/perf.$N.data -- /path/to/lifeboat "$@"
and as options -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer (so
that compiled frames have names; interpreted ones stay "Interpreter"). The tool behind "Where a cold
agent's CPU goes, by function (issue 14, session 24)" in docs/performance.md.

By thread (--threads): the threads that took most, each split by the kind of code its samples were
in: the interpreter, compiled Java, the kernel, the JVM itself (libjvm: class loading and linking,
the compilers, the interpreter's runtime calls) and other libraries; and for a tree walk's
read-ahead threads two parts named in docs/performance.md: the kernel's path lookup (each lstat
resolving the child's whole path) and the agent's lookups by path (the last point's index and the
block record's map). The view behind "A tree's 1% pass by thread and kind of code (issue 14, session
24)"; bench/tree_profile.sh prints it."""

import collections
import subprocess
import sys


def kind(comm):
    for prefix, name in (("vert.x-eventloo", "event loop"), ("ForkJoinPool", "readers"),
                         ("lifeboat-read-a", "readers"), ("lifeboat-sender", "senders"),
                         ("lifeboat-upload", "uploader"), ("lifeboat-asker", "uploader"),
                         ("lifeboat-tls-pr", "TLS preload"), ("lifeboat-vault-", "vault connect"),
                         ("java", "main")):
        if comm.startswith(prefix):
            return name
    return "other threads"


def row(comm, frames):
    """frames: (symbol, dso) from the leaf outwards."""
    if "CompilerThre" in comm:
        return "JIT: " + comm.split()[0]
    if comm.startswith(("VM Thread", "GC Thread", "VM Periodic")):
        return "collector and VM thread"
    leaf, dso = frames[0] if frames else ("?", "?")
    stack = " ".join(s for s, _ in frames[:40])
    who = kind(comm)
    if "SHA2." in stack or "DigestBase" in stack:
        if leaf.startswith("StubRoutines") or "SHA2" in leaf or "b2iBig" in leaf:
            return "SHA-256"
    if "exc_page_fault" in stack:  # the first touch of a page: fresh heap, new direct buffers
        return f"page faults: {who}"
    if "XXH3" in leaf:
        return "fingerprint (XXH3)"
    if "Compressibility" in leaf:
        return "sniff"
    if "zstd" in dso:
        return "zstd"
    if "tcnative" in dso or "BIO_write" in stack:
        if "aes" in leaf or "gcm" in leaf:
            return "TLS: AES-GCM"
        if "BIO_write" in stack and "memmove" in leaf:
            return "TLS: copy into netty's buffer (BIO_write)"
        return "TLS: other native"
    if leaf.startswith("StubRoutines") or "memmove" in leaf or "memcpy" in leaf:
        return f"copies: {who}"
    if dso == "[kernel.kallsyms]":
        return f"kernel: {who}"
    if leaf == "Interpreter":
        return f"interpreted: {who}"
    if dso.startswith("[JIT]") or dso.endswith(".map"):
        return f"compiled Java: {who}"
    if "libjvm" in dso or "ld-linux" in dso:
        return f"JVM runtime: {who}"
    return f"other native: {who}"


PATH_LOOKUP = ("d_lookup", "link_path_walk", "walk_component", "path_lookupat", "lookup_fast", "step_into",
               "inode_permission", "filename_lookup", "getname", "strncpy_from_user", "putname")
LOOKUP_BY_PATH = ("HashMap.getNode", "PathIndex", "String.equals", "StringLatin1.equals")


def code_kind(sym, dso):
    """The kind of code a sample's leaf frame is in, for the --threads view."""
    if "kernel" in dso:
        return "kernel"
    if sym == "Interpreter":
        return "interpreter"
    if "perf-" in dso or "JIT" in dso:
        return "compiled"
    if dso.endswith("libjvm.so"):
        return "jvm"
    return "other"


def samples(data):
    """Each sample of PERF_DATA as (thread name, frames from the leaf outwards as (symbol, dso))."""
    out = subprocess.run(["perf", "script", "-i", data, "-F", "comm,tid,ip,sym,dso"],
                         capture_output=True, text=True, check=True).stdout
    comm, frames = None, []
    for line in out.splitlines():
        if not line.strip():
            if comm is not None:
                yield comm, frames
            comm, frames = None, []
        elif not line.startswith((" ", "\t")):
            comm = line.rsplit(None, 1)[0].strip()  # "comm tid": the name may hold spaces
        else:
            parts = line.strip().split(None, 1)
            rest = parts[1] if len(parts) > 1 else "? (?)"
            sym, _, dso = rest.rpartition(" (")
            frames.append((sym.strip(), dso.rstrip(")")))
    if comm is not None:
        yield comm, frames


def by_work(data, hz):
    rows = collections.Counter(row(comm, frames) for comm, frames in samples(data))
    total = sum(rows.values())
    print(f"{total} samples, {total / hz:.2f} CPU s")
    for name, n in rows.most_common():
        print(f"{n / hz:6.2f} s {100 * n / total:5.1f}%  {name}")


def by_thread(data, hz):
    kinds = collections.defaultdict(collections.Counter)
    parts = collections.Counter()
    for comm, frames in samples(data):
        sym, dso = frames[0] if frames else ("?", "?")
        kinds[comm][code_kind(sym, dso)] += 1
        if comm.startswith("lifeboat-read-a"):
            parts["path lookup (kernel)"] += any(p in sym for p in PATH_LOOKUP)
            parts["lookups by path"] += any(p in sym for p in LOOKUP_BY_PATH)
    total = sum(sum(c.values()) for c in kinds.values())
    print(f"all threads {total / hz:.2f} CPU s (threads named 'java' are the main thread and any not yet named)")
    for comm, c in sorted(kinds.items(), key=lambda kv: -sum(kv[1].values()))[:10]:
        print(f"  {comm:<18} {sum(c.values()) / hz:5.2f} s:" + "".join(f"  {k} {n / hz:.3f}" for k, n in c.most_common()))
    print("  read-ahead threads:" + "".join(f"  {k} {n / hz:.3f}" for k, n in parts.items()))


def main():
    args = sys.argv[1:]
    view = by_work
    if args and args[0] == "--threads":
        view, args = by_thread, args[1:]
    if not args:
        sys.exit("usage: bench/perf_split.py [--threads] PERF_DATA [SAMPLE_HZ]")
    view(args[0], float(args[1]) if len(args) > 1 else 999.0)


if __name__ == "__main__":
    main()
