#!/usr/bin/env bash
# bench/agent_cpu.sh: a cold agent's CPU seconds on a full pass and on a rescan, by kind of thread,
# for two or more variants run in alternation (A B A B ...), so that the load of a shared machine
# falls on all of them alike. The tool behind "Agent CPU per GiB (issue 14, session 9)" in
# docs/performance.md.
#
# A variant is LABEL|LAUNCHER|JAVA_OPTS: LAUNCHER is a `lifeboat` script (this tree's, or a copy of
# another build's script and lifeboat-cli/target/lifeboat.jar under a folder of its own), JAVA_OPTS
# go in LIFEBOAT_JAVA_OPTS. Every pass is a new machine enrolled in one vault (warmed first) that
# protects the same random image: the agent does the work of a first full pass (the vault is asked
# about every block and takes every one), then a rescan of the unchanged image. Per pass it prints
# the agent's CPU by thread kind (bench/thread_cpu.py), its pass time after start-up and the load.
#
# Usage: bench/agent_cpu.sh SIZE_MIB ROUNDS 'before|/tmp/old/lifeboat|' 'after|./lifeboat|' ...
# Needs: java 17, python3. Not part of `mvn verify`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
size_mib="${1:?size in MiB}"
rounds="${2:?rounds}"
shift 2
[ "$#" -ge 1 ] || { echo "usage: bench/agent_cpu.sh SIZE_MIB ROUNDS 'LABEL|LAUNCHER|JAVA_OPTS'..." >&2; exit 2; }
need_tools python3 java
machine_line

img="$work/disk.img"
make_image "$img" "$size_mib" agent-cpu random
start_vault
enroll_agent warm-up "$work/W"
lb agent protect --dir "$work/W" --once "$img" >/dev/null # the vault's JIT warmed, as a running vault's is

# one_pass LABEL LAUNCHER OPTS AGENT_DIR KIND: one cold `agent protect --once`; prints one summary line
one_pass() {
  local label="$1" launcher="$2" opts="$3" dir="$4" kind="$5" load pid
  load="$(cut -d' ' -f1 /proc/loadavg)"
  LIFEBOAT_JAVA_OPTS="$opts" timeout 900 "$launcher" agent protect --dir "$dir" --once --json "$img" \
    >"$work/protect.jsonl" 2>/dev/null & pid=$!
  python3 "$here/bench/thread_cpu.py" "$pid" >"$work/threads" &
  local sampler=$!
  wait "$pid"
  wait "$sampler"
  python3 - "$label" "$kind" "$load" "$work/threads" "$work/protect.jsonl" "$size_mib" <<'PY'
import json, sys
label, kind, load, threads, events, mib = sys.argv[1:7]
kinds = {"jit": 0.0, "loops": 0.0, "main": 0.0, "read": 0.0, "upload": 0.0, "gc": 0.0, "other": 0.0}
total = 0.0
for line in open(threads):
    secs, name = line.split(None, 1)
    name = name.strip()
    if name == "in all":
        total = float(secs)
        continue
    # /proc cuts thread names at 15 characters: "vert.x-eventloo", "ForkJoinPool.co", "lifeboat-read-a"
    k = ("jit" if "CompilerThre" in name else "loops" if "eventloo" in name else "main" if name in ("main", "java")
         else "read" if name.startswith(("lifeboat-read", "ForkJoinPool"))
         else "upload" if name.startswith("lifeboat-") else "gc" if name in ("VM Thread", "GC Thread#") else "other")
    kinds[k] += float(secs)
committed = [json.loads(l) for l in open(events) if '"committed"' in l]
pass_s = committed[-1]["seconds"] if committed else float("nan")
gib = int(mib) / 1024
print(f"{label:<12}{kind:<8} load {load:>5}  pass {pass_s:6.2f} s  CPU {total:6.2f} s ({total / gib:5.2f} per GiB):"
      + "".join(f" {k} {v:.2f}" for k, v in kinds.items()))
PY
  [ "${THREADS:-0}" = 1 ] && sed -n '1,12s/^/    /p' "$work/threads" # THREADS=1: the busiest threads too
}

n=0
for round in $(seq 1 "$rounds"); do
  for variant in "$@"; do
    IFS='|' read -r label launcher opts <<<"$variant"
    n=$((n + 1))
    dir="$work/A$n"
    enroll_agent "m$n" "$dir"
    one_pass "$label" "$launcher" "$opts" "$dir" full
    one_pass "$label" "$launcher" "$opts" "$dir" rescan
  done
done
machine_line
