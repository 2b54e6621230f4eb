#!/usr/bin/env bash
# bench/agent_cpu.sh: a cold agent's CPU seconds on a full pass, a 1% incremental pass and a rescan, by thread kind,
# for two or more variants run in alternation (A B A B ...), so that the load of a shared machine
# falls on all of them alike. The tool behind "Agent CPU per GiB (issue 14, session 9)" in
# docs/performance.md.
#
# A variant is LABEL|LAUNCHER|JAVA_OPTS: LAUNCHER is a `lifeboat` script (this tree's, or a copy of
# another build's script and lifeboat-cli/target/lifeboat.jar under a folder of its own), JAVA_OPTS
# go in LIFEBOAT_JAVA_OPTS. Every pass is a new machine enrolled in one vault (warmed first) that
# protects the same random image: the agent does the work of a first full pass (the vault is asked
# about every block and takes every one), then, after 1% of it changed, an incremental pass, then a rescan. Per pass it prints
# the agent's CPU by thread kind (bench/thread_cpu.py), its pass time after start-up and the load.
# PASSES=rescan measures unchanged rescans only (issue 14, aim 3: "≤ 0.5 s of the agent's work after
# its start"): each variant's agent protects the image once, unmeasured (its first rescan writes the
# launcher's class-data archive), then every round is one rescan per variant. An unchanged image is
# kept by its stamp (not read); PASSES=reread touches it before every rescan, so every block is read
# and fingerprinted again and none is sent (the read rescan of bench/replicate.sh).
# COLD_CACHE=1 takes the image out of the page cache before every pass (bench/lib.sh evict_from_cache),
# as a first pass over a disk that is not in use finds it; by default it is read from the cache.
# RUNNING=1 adds, per variant and round, an agent left running (`--interval`): the CPU of its second
# pass, a full pass of a new image in a JVM whose JIT has compiled the path already. PASSES=running
# runs only that agent, per variant and round (more pairs of the warm pass in the same minutes).
# INTERVAL (default 45s) is that agent's `--interval`: one longer than the client's keep-alive of 120 s
# (150s, say) makes every warm pass open its connections anew, as a deployed agent's passes do.
#
# Usage: bench/agent_cpu.sh SIZE_MIB ROUNDS 'before|/tmp/old/lifeboat|' 'after|./lifeboat|' ...
# Needs: java 17, python3. Not part of `mvn verify`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
variant_args 'LABEL|LAUNCHER|JAVA_OPTS' "$@"
set -- "${variants[@]}"
need_tools python3 java
machine_line

warm_vault_with_image "$size_mib" agent-cpu

# one_pass LABEL LAUNCHER OPTS AGENT_DIR KIND: one cold `agent protect --once`; prints one summary line
one_pass() {
  local label="$1" launcher="$2" opts="$3" dir="$4" kind="$5" load pid
  if [ "${COLD_CACHE:-0}" = 1 ]; then evict_from_cache "$img"; fi
  load="$(cut -d' ' -f1 /proc/loadavg)"
  LIFEBOAT_JAVA_OPTS="$opts" timeout 900 "$launcher" agent protect --dir "$dir" --once --json "$img" \
    >"$work/protect.jsonl" 2>/dev/null & pid=$!
  python3 "$here/bench/thread_cpu.py" "$pid" >"$work/threads" &
  local sampler=$!
  wait "$pid"
  wait "$sampler"
  PYTHONPATH="$here/bench" python3 - "$label" "$kind" "$load" "$work/threads" "$work/protect.jsonl" "$size_mib" <<'PY'
import json, sys
from thread_kinds import cpu_by_kind
label, kind, load, threads, events, mib = sys.argv[1:7]
kinds, total = cpu_by_kind(threads)
committed = [json.loads(l) for l in open(events) if '"committed"' in l]
pass_s = committed[-1]["seconds"] if committed else float("nan")
gib = int(mib) / 1024
print(f"{label:<12}{kind:<8} load {load:>5}  pass {pass_s:6.2f} s  CPU {total:6.2f} s ({total / gib:5.2f} per GiB):"
      + "".join(f" {k} {v:.2f}" for k, v in kinds.items()))
PY
  if [ "${THREADS:-0}" = 1 ]; then sed -n '1,12s/^/    /p' "$work/threads"; fi # THREADS=1: the busiest threads too
}

# running_pass LABEL LAUNCHER OPTS: an agent left running (`protect --interval`, as it is deployed),
# whose JIT has compiled the pass once: its first pass is the cold full pass of the image; the image
# is then replaced (renamed over) by a new random one, and the second pass, a warm full pass, is
# charged the JVM's CPU between the two commits, by thread kind. The JVM's CPU up to the first commit
# (start-up and the cold first pass) is printed too, as "first pass". WARM_PASSES=N (default 1) makes
# N such warm passes in a row, each of a new image, one line each ("running2", "running3", ...).
running_pass() {
  local label="$1" launcher="$2" opts="$3" dir="$work/R$n" log="$work/running.jsonl" pid jvm
  enroll_agent "r$n" "$dir"
  LIFEBOAT_JAVA_OPTS="$opts" timeout 900 "$launcher" agent protect --dir "$dir" --interval "${INTERVAL:-45s}" --json "$img" \
    >"$log" 2>/dev/null & pid=$!
  committed() { [ "$(grep -c '"committed"' "$log" 2>/dev/null)" -ge "$1" ]; }
  for _ in $(seq 1 3000); do committed 1 && break; sleep 0.1; done
  jvm="$(pgrep -P "$(pgrep -P "$pid")" java || pgrep -P "$pid" java)"
  # the JVM's own CPU (of every thread, ended ones too: the pass's pools end with it), then each live thread's
  threads_now() {
    python3 - "$jvm" <<'PY'
import os, sys
def ticks(path):  # utime + stime, fields 14 and 15 of stat, counted after the name, which may hold spaces
    stat = open(path).read()
    f = stat[stat.rindex(")") + 2:].split()
    return stat[stat.index("(") + 1:stat.rindex(")")], int(f[11]) + int(f[12])
pid = sys.argv[1]
print(ticks(f"/proc/{pid}/stat")[1], "(all)")
for tid in os.listdir(f"/proc/{pid}/task"):
    try:
        name, t = ticks(f"/proc/{pid}/task/{tid}/stat")
    except (FileNotFoundError, ProcessLookupError):
        continue
    print(t, name)
PY
  }
  local k
  for k in $(seq 2 $((${WARM_PASSES:-1} + 1))); do
    threads_now >"$work/t1"
    make_image "$work/next.img" "$size_mib" "new-$n-$k" random
    mv -f "$work/next.img" "$img"
    for _ in $(seq 1 6000); do committed "$k" && break; sleep 0.1; done
    threads_now >"$work/t2"
    python3 - "$label" "$work/t1" "$work/t2" "$log" "$size_mib" "$(getconf CLK_TCK)" "$k" <<'PY'
import json, re, sys
label, t1, t2, log, mib, tck, k = sys.argv[1:8]
k = int(k)
def read(p):
    out = {}
    for line in open(p):
        ticks, name = line.split(None, 1)
        name = re.sub(r"\d+", "#", name.strip())
        out[name] = out.get(name, 0) + int(ticks)
    return out
a, b = read(t1), read(t2)
delta = {k: (b.get(k, 0) - a.get(k, 0)) / int(tck) for k in b}
total = delta.pop("(all)")
jit = sum(v for k, v in delta.items() if "CompilerThre" in k)
delta["threads of the pass"] = total - sum(delta.values())  # started and ended within it (readers, uploader, senders)
committed = [json.loads(l) for l in open(log) if '"committed"' in l]
gib = int(mib) / 1024
# the second pass's line also gives the JVM's CPU up to the first commit: start-up and the cold first pass
first = f"first pass {a['(all)'] / int(tck):.2f}; " if k == 2 else ""
print(f"{label:<12}running{k:<2}load -      pass {committed[k - 1]['seconds']:6.2f} s  CPU {total:6.2f} s ({total / gib:5.2f} per GiB):"
      f" jit {jit:.2f}; {first}" + ", ".join(f"{k} {v:.2f}" for k, v in sorted(delta.items(), key=lambda kv: -kv[1])[:6]))
PY
  done
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
}

if [ "${PASSES:-all}" = rescan ] || [ "${PASSES:-all}" = reread ]; then
  i=0
  for variant in "$@"; do
    IFS='|' read -r label launcher opts <<<"$variant"
    i=$((i + 1))
    enroll_agent "m$i" "$work/A$i"
    LIFEBOAT_JAVA_OPTS="$opts" timeout 900 "$launcher" agent protect --dir "$work/A$i" --once "$img" >/dev/null 2>&1
    one_pass "$label" "$launcher" "$opts" "$work/A$i" rescan >/dev/null
  done
  for round in $(seq 1 "$rounds"); do
    i=0
    for variant in "$@"; do
      IFS='|' read -r label launcher opts <<<"$variant"
      i=$((i + 1))
      if [ "$PASSES" = reread ]; then touch "$img"; fi
      one_pass "$label" "$launcher" "$opts" "$work/A$i" "$PASSES"
    done
  done
  machine_line
  exit 0
fi

n=0
for round in $(seq 1 "$rounds"); do
  for variant in "$@"; do
    IFS='|' read -r label launcher opts <<<"$variant"
    n=$((n + 1))
    if [ "${PASSES:-all}" = running ]; then running_pass "$label" "$launcher" "$opts"; continue; fi
    dir="$work/A$n"
    enroll_agent "m$n" "$dir"
    one_pass "$label" "$launcher" "$opts" "$dir" full
    change_image "$img" >/dev/null # 1% rewritten in scattered 64 KiB pieces, new bytes each time
    one_pass "$label" "$launcher" "$opts" "$dir" 1%
    one_pass "$label" "$launcher" "$opts" "$dir" rescan
    if [ "${RUNNING:-0}" = 1 ]; then running_pass "$label" "$launcher" "$opts"; fi
  done
done
machine_line
