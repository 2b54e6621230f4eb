"""What a JVM's JIT did in a time window, from a flight recording (issue 14, session 13).

Usage: jit_window.py RECORDING.jfr START_MS END_MS [TOP]   (epoch milliseconds, as
VaultIngestBench prints its timed window). The recording needs jdk.Compilation with a 0 ms
threshold and jdk.Deoptimization (bench/jit.jfc). Prints the compilers' elapsed time before,
in and after the window, then each compile in the window classified against the method's
history: a first compile, a tier-up (C2 after C1), a recompile at a level it had reached before
(after a deoptimisation, or a normal compile after an OSR one), or an OSR compile; then the TOP
longest compiles in the window and every deoptimisation in it (method, reason, bytecode).
Elapsed compile time on a loaded machine is longer than the compiler threads' CPU time; read it
for proportions, and /proc (VAULT_THREADS=1) for CPU.
"""
import collections
import datetime
import json
import subprocess
import sys


def epoch_ms(ts):
    t = datetime.datetime.fromisoformat(ts[:23]).replace(tzinfo=datetime.timezone.utc)
    return int(t.timestamp() * 1000)


def seconds(duration):  # "PT0.000166S"
    return float(duration[2:-1]) if duration.startswith("PT") and duration.endswith("S") else 0.0


def name(m):
    return m["type"]["name"] + "." + m["name"]


def kind(level, osr, earlier):
    if osr:
        return "osr"
    if not earlier:
        return "first compile"
    if any(e[1] == level for e in earlier):
        return "recompile at a level reached before"
    return "tier up"


def main():
    jfr, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    events = json.loads(subprocess.check_output(
        ["jfr", "print", "--json", "--events", "jdk.Compilation,jdk.Deoptimization", jfr]))["recording"]["events"]
    phase = lambda t: "before" if t < start else ("window" if t <= end else "after")
    history = collections.defaultdict(list)  # method -> [(time, level, osr, seconds, compiler, size)]
    deopts = []
    for e in sorted(events, key=lambda e: e["values"]["startTime"]):
        v = e["values"]
        t = epoch_ms(v["startTime"])
        if e["type"] == "jdk.Compilation":
            history[name(v["method"])].append((t, v["compileLevel"], v["isOsr"], seconds(v["duration"]),
                                               v["compiler"], v["codeSize"]))
        elif phase(t) == "window":
            deopts.append((t - start, name(v["method"]), v["reason"], v["action"], v.get("lineNumber"),
                           v.get("instruction")))
    totals = collections.Counter()
    kinds = collections.Counter()
    rows = []
    for method, compiles in history.items():
        for i, (t, level, osr, secs, compiler, size) in enumerate(compiles):
            totals[(phase(t), compiler)] += secs
            if phase(t) == "window":
                k = kind(level, osr, compiles[:i])
                kinds[(k, compiler)] += secs
                rows.append((secs, compiler, level, osr, k, method, size))
    print("compilers' elapsed seconds:")
    for (p, c), s in sorted(totals.items()):
        print(f"  {p:7s} {c}  {s:7.3f}")
    print("in the window, by kind:")
    for (k, c), s in sorted(kinds.items(), key=lambda x: -x[1]):
        print(f"  {c} {k:38s} {s:7.3f} s")
    print(f"the {top} longest compiles in the window:")
    for secs, compiler, level, osr, k, method, size in sorted(rows, reverse=True)[:top]:
        print(f"  {secs:7.4f} s  {compiler} L{level}{' osr' if osr else ''}  {k:38s} {method} ({size} bytes)")
    print(f"deoptimisations in the window: {len(deopts)}")
    for d in deopts:
        print("  +%d ms %s %s %s line %s %s" % d)


main()
