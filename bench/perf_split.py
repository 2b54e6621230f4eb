#!/usr/bin/env python3
"""bench/perf_split.py PERF_DATA [SAMPLE_HZ]: where a JVM's CPU went, by what the work is, from a
`perf record -g` of it. Each sample goes into one row by its thread and its stack: the compiler
threads, the collector, SHA-256, the XXH3 fingerprint, the sniff and zstd, page faults (the first
touch of fresh memory) by thread, TLS's encryption and its other native work, the copies (arraycopy
stubs and memmove) by thread, the kernel by thread (the socket's send, the reads), the interpreter by
thread, the JVM's own runtime (class loading, linking) and compiled Java by thread. Prints CPU
seconds (samples / SAMPLE_HZ, default 999) and shares.

To record a cold agent's passes with bench/agent_cpu.sh, give it as launcher a script that runs
  perf record -F 999 -g -o /tmp/perf.$N.data -- /path/to/lifeboat "$@"
and as options -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer (so
that compiled frames have names; interpreted ones stay "Interpreter"). The tool behind "Where a cold
agent's CPU goes, by function (issue 14, session 24)" in docs/performance.md."""

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


def main():
    data = sys.argv[1]
    hz = float(sys.argv[2]) if len(sys.argv) > 2 else 999.0
    out = subprocess.run(["perf", "script", "-i", data, "-F", "comm,tid,ip,sym,dso"],
                         capture_output=True, text=True, check=True).stdout
    rows = collections.Counter()
    comm, frames = None, []

    def flush():
        if comm is not None:
            rows[row(comm, frames)] += 1

    for line in out.splitlines():
        if not line.strip():
            flush()
            comm, frames = None, []
        elif not line.startswith((" ", "\t")):
            comm = line.rsplit(None, 1)[0].strip()  # "comm tid": the name may hold spaces
        else:
            parts = line.strip().split(None, 1)
            rest = parts[1] if len(parts) > 1 else "? (?)"
            sym, _, dso = rest.rpartition(" (")
            frames.append((sym.strip(), dso.rstrip(")")))
    flush()
    total = sum(rows.values())
    print(f"{total} samples, {total / hz:.2f} CPU s")
    for name, n in rows.most_common():
        print(f"{n / hz:6.2f} s {100 * n / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
