#!/usr/bin/env bash
# bench/tree_full.sh: the tree's full pass of two or more builds, alternated (issue 14, aim 4), with
# the agent's CPU by thread: where a full pass of bench/tree.sh's tree spends its time and CPU.
#
# A variant is LABEL|LAUNCHER|JAVA_OPTS, as in bench/tree_pass.sh. Every pass is a cold `agent protect
# --once` of the tree into a vault of its own (started by this tree's launcher, its JIT warmed by
# another machine's 64 MiB image first, as tree.sh's is), so every pass sends the whole tree; the
# vault is stopped after the pass. The order of the variants is turned by one each round, so the load
# of a shared machine falls on all alike. Per pass: the load, the wall time of the whole command, the
# pass after start-up as the agent timed it, bytes sent, the agent's and the vault's CPU during the
# pass, the agent's CPU by thread kind (bench/thread_kinds.py), and its busiest threads by name
# (bench/thread_cpu.py: the uploader's own thread is "lifeboat-upload"), and the seconds the uploader's
# thread, the readers and the common pool's threads ran and waited for a core (bench/thread_demand.py).
#
# Usage: bench/tree_full.sh ROUNDS 'before|/work/wt/old/lifeboat|' 'after|./lifeboat|' ...
#        FILES=50000 SIZE_MB=750 by default.
# Needs: java 17, python3, tar. Not part of `mvn verify`. Stops by itself.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rounds="${1:?rounds}"
shift
[ "$#" -ge 1 ] || { echo "usage: bench/tree_full.sh ROUNDS 'LABEL|LAUNCHER|JAVA_OPTS'..." >&2; exit 2; }
need_tools python3 java tar
machine_line

tree="$work/tree"
make_tree "$tree" "${FILES:-50000}" "${SIZE_MB:-750}"
make_image "$work/warm.img" 64 warm-up-host random

# full_pass LABEL LAUNCHER OPTS N: a fresh vault, warmed; a cold full pass of the tree into it; one line
full_pass() {
  local label="$1" launcher="$2" opts="$3" n="$4" load pid t0 t1 sampler demand v0 vault
  rm -rf "$work/V" "$work/A" "$work/W"
  start_vault
  enroll_agent warm-up "$work/W"
  lb agent protect --dir "$work/W" --once "$work/warm.img" >/dev/null 2>&1
  enroll_agent "tree$n" "$work/A"
  sync
  load="$(cut -d' ' -f1 /proc/loadavg)"
  process_ticks "$vault_pid"; v0=$ticks
  t0="$(now)"
  LIFEBOAT_JAVA_OPTS="$opts" timeout 900 "$launcher" agent protect --dir "$work/A" --once --json "$tree" \
    >"$work/protect.jsonl" 2>"$work/protect.err" & pid=$!
  python3 "$here/bench/thread_cpu.py" "$pid" >"$work/threads" & sampler=$!
  (cd "$here/bench" && python3 thread_demand.py "$pid" lifeboat-upload lifeboat-read ForkJoinPool >"$work/demand") & demand=$!
  wait "$pid"
  t1="$(now)"
  wait "$sampler" "$demand"
  process_ticks "$vault_pid"; vault=$(( ticks - v0 ))
  kill "$vault_pid"; wait "$vault_pid" 2>/dev/null || true
  PYTHONPATH="$here/bench" python3 - "$label" "$load" "$(secs "$t0" "$t1")" "$work/threads" "$work/protect.jsonl" \
    "$(cpu_secs "$vault")" <<'PY'
import json, sys
from thread_kinds import cpu_by_kind
label, load, wall, threads, events, vault = sys.argv[1:7]
kinds, total = cpu_by_kind(threads)
e = [json.loads(l) for l in open(events) if '"committed"' in l][-1]
print(f"{label:<10} load {load:>5}  wall {float(wall):5.2f} s  pass {e['seconds']:5.2f} s  sent {e['bytesSent']:>11,}"
      f"  agent CPU {total:5.2f} s  vault CPU {float(vault):5.2f} s:" + "".join(f" {k} {v:.2f}" for k, v in kinds.items()))
top = [l.split(None, 1) for l in open(threads) if not l.rstrip().endswith("in all")][:8]
print("           threads: " + ", ".join(f"{n.strip()} {s}" for s, n in top))
PY
  # the uploader's thread, the readers and the common pool: seconds running / waiting for a core,
  # beside the whole JVM's life: a thread whose two come close to that life was the critical path
  echo "           running/waiting: $(awk '$2 == "wall" { printf " over the JVM'"'"'s %s s", $1; next }
    { printf "%s%s %s %s/%s", sep, $3, $4, $1, $2; sep = ", " }' "$work/demand")"
}

n=0
echo "round 1 is the first run of each build since it was built (its class archive is made after it): compare the rounds after it"
for round in $(seq 1 "$rounds"); do
  for k in $(seq 0 $(( $# - 1 ))); do
    j=$(( (k + round - 1) % $# + 1 ))
    IFS='|' read -r label launcher opts <<<"${!j}"
    n=$((n + 1))
    full_pass "$label" "$launcher" "$opts" "$n"
  done
done
machine_line
