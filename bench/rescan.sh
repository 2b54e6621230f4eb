#!/usr/bin/env bash
# bench/rescan.sh: an unchanged rescan of an image, the pass that aim 3 of issue 14 times ("≤ 0.5 s of
# the agent's work after its start"), for two or more variants run in alternation (A B A B ...), so
# that the load of a shared machine falls on all of them alike. The image is protected once; every
# later pass finds it unchanged. Per pass it prints the agent's own pass time after its start-up
# (the "seconds" of its committed event, as bench/replicate.sh's "rescan"), its CPU by thread kind
# (bench/thread_cpu.py) and the load.
#
# A variant is LABEL|LAUNCHER|JAVA_OPTS, as in bench/agent_cpu.sh: LAUNCHER is a `lifeboat` script
# (this tree's, or a copy of another build's script, launcher folder and jar under a folder of its
# own), JAVA_OPTS go in LIFEBOAT_JAVA_OPTS. Each variant gets its own agent (enrolled and given the
# first full pass with its own launcher), so its rescans start from a record it wrote itself.
#
# Usage: bench/rescan.sh SIZE_MIB ROUNDS 'before|/tmp/old/lifeboat|' 'after|./lifeboat|' ...
# Needs: java 17, python3. Not part of `mvn verify`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
size_mib="${1:?size in MiB}"
rounds="${2:?rounds}"
shift 2
[ "$#" -ge 1 ] || { echo "usage: bench/rescan.sh SIZE_MIB ROUNDS 'LABEL|LAUNCHER|JAVA_OPTS'..." >&2; exit 2; }
need_tools python3 java
machine_line

img="$work/disk.img"
make_image "$img" "$size_mib" rescan random
start_vault

# one_pass LABEL LAUNCHER OPTS AGENT_DIR: one cold `agent protect --once` of the image; one summary line
one_pass() {
  local label="$1" launcher="$2" opts="$3" dir="$4" load pid sampler
  load="$(cut -d' ' -f1 /proc/loadavg)"
  LIFEBOAT_JAVA_OPTS="$opts" timeout 900 "$launcher" agent protect --dir "$dir" --once --json "$img" \
    >"$work/protect.jsonl" 2>/dev/null & pid=$!
  python3 "$here/bench/thread_cpu.py" "$pid" >"$work/threads" & sampler=$!
  wait "$pid"
  wait "$sampler"
  python3 - "$label" "$load" "$work/threads" "$work/protect.jsonl" <<'PY'
import json, sys
label, load, threads, events = sys.argv[1:5]
kinds = {"jit": 0.0, "main": 0.0, "read": 0.0, "loops": 0.0, "gc": 0.0, "other": 0.0}
total = 0.0
for line in open(threads):
    secs, name = line.split(None, 1)
    name = name.strip()
    if name == "in all":
        total = float(secs)
        continue
    k = ("jit" if "CompilerThre" in name else "loops" if "eventloo" in name else "main" if name in ("main", "java")
         else "read" if name.startswith(("lifeboat-read", "ForkJoinPool"))
         else "gc" if name in ("VM Thread", "GC Thread#") else "other")
    kinds[k] += float(secs)
committed = [json.loads(l) for l in open(events) if '"committed"' in l]
pass_s = committed[-1]["seconds"] if committed else float("nan")
print(f"{label:<12} load {load:>5}  rescan {pass_s:5.2f} s  agent CPU {total:5.2f} s:"
      + "".join(f" {k} {v:.2f}" for k, v in kinds.items()))
PY
  if [ "${THREADS:-0}" = 1 ]; then sed -n '1,12s/^/    /p' "$work/threads"; fi
}

i=0
for variant in "$@"; do
  IFS='|' read -r label launcher opts <<<"$variant"
  i=$((i + 1))
  enroll_agent "m$i" "$work/A$i"
  LIFEBOAT_JAVA_OPTS="$opts" timeout 900 "$launcher" agent protect --dir "$work/A$i" --once "$img" >/dev/null 2>&1
  one_pass "$label" "$launcher" "$opts" "$work/A$i" >/dev/null # the first rescan writes the launcher's CDS archive
done
for round in $(seq 1 "$rounds"); do
  i=0
  for variant in "$@"; do
    IFS='|' read -r label launcher opts <<<"$variant"
    i=$((i + 1))
    one_pass "$label" "$launcher" "$opts" "$work/A$i"
  done
done
machine_line
