#!/usr/bin/env bash
# bench/tree_pass.sh: the tree's 1%-of-files pass of two or more builds, alternated, with rsync over
# TLS beside them in every round (issue 14, aim 4). The tool behind "The tree's walk (issue 14,
# session 12)" in docs/performance.md.
#
# A variant is LABEL|LAUNCHER|JAVA_OPTS, as in bench/agent_cpu.sh: LAUNCHER is a `lifeboat` script
# (this tree's, or a copy of another build's script, launcher folder and jar), JAVA_OPTS go in
# LIFEBOAT_JAVA_OPTS. The tree is bench/tree.sh's (make_tree). Each variant is a machine of its own
# in one vault (warmed first) that protects the same tree: a full pass and an unmeasured 1% pass
# first (the second writes the launcher's class-data archive for a tree pass), then every round
# changes 1% of the files (as tree.sh does) and runs rsync's pass, then each variant's pass, the
# order of the variants turned by one each round, so the load of a shared machine falls on all alike.
# Per pass: the load, the wall time of the whole command (a fresh JVM), the pass after start-up as
# the agent timed it, files kept unread, bytes sent, and the agent's CPU by thread kind
# (bench/thread_cpu.py); per round rsync's time, CPU (client, daemon, both stunnels) and bytes, and
# the walk's floor: `find` listing every folder and lstat'ing every entry of the tree, printing the
# fields a stamp holds (one process, no JVM: what the walk's system calls alone cost here).
# With -DLIFEBOAT_LOG_LEVEL=debug in a variant's JAVA_OPTS, the agent's lines on its two records
# (how long they took to read and to write, appended or whole) and the times of its phases (read,
# last batch, commit, records; the commit split into building the delta, the part of it spent
# waiting for the manifest's digest, and the requests to the vault) follow its pass.
#
# Usage: bench/tree_pass.sh ROUNDS 'before|/tmp/old/lifeboat|' 'after|./lifeboat|' ...
#        FILES=50000 SIZE_MB=750 by default.
# Needs: java 17, rsync, stunnel4, openssl, python3, tar. Not part of `mvn verify`. Stops by itself.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rounds="${1:?rounds}"
shift
[ "$#" -ge 1 ] || { echo "usage: bench/tree_pass.sh ROUNDS 'LABEL|LAUNCHER|JAVA_OPTS'..." >&2; exit 2; }
need_tools rsync stunnel openssl python3 java tar
machine_line

tree="$work/tree"
make_tree "$tree" "${FILES:-50000}" "${SIZE_MB:-750}"
start_vault
enroll_agent warm-up "$work/W"
make_image "$work/warm.img" 128 warm-up-host random
lb agent protect --dir "$work/W" --once "$work/warm.img" >/dev/null # the vault's JIT warmed, as a running vault's is
rm -f "$work/warm.img"
start_rsync_tls
rsync_copy "$tree/" tree/ -a >/dev/null


# one_pass LABEL LAUNCHER OPTS AGENT_DIR: one cold `agent protect --once` of the tree; prints one line
one_pass() {
  local label="$1" launcher="$2" opts="$3" dir="$4" load pid t0 t1 sampler
  load="$(cut -d' ' -f1 /proc/loadavg)"
  t0="$(now)"
  LIFEBOAT_JAVA_OPTS="$opts" timeout 900 "$launcher" agent protect --dir "$dir" --once --json "$tree" \
    >"$work/protect.jsonl" 2>"$work/protect.err" & pid=$!
  python3 "$here/bench/thread_cpu.py" "$pid" >"$work/threads" & sampler=$!
  wait "$pid"
  t1="$(now)"
  wait "$sampler"
  PYTHONPATH="$here/bench" python3 - "$label" "$load" "$(secs "$t0" "$t1")" "$work/threads" "$work/protect.jsonl" <<'PY'
import json, sys
from thread_kinds import cpu_by_kind
label, load, wall, threads, events = sys.argv[1:6]
kinds, total = cpu_by_kind(threads)
e = [json.loads(l) for l in open(events) if '"committed"' in l][-1]
print(f"{label:<10} load {load:>5}  wall {float(wall):5.2f} s  pass {e['seconds']:5.2f} s  kept {e.get('filesKept', '?'):>6}"
      f"  sent {e['bytesSent']:>10,}  CPU {total:5.2f} s:" + "".join(f" {k} {v:.2f}" for k, v in kinds.items()))
PY
  # with -DLIFEBOAT_LOG_LEVEL=debug in the variant's options, a build that logs them says how long its
  # two records took to read and to write (issue 14, session 13)
  grep -o "read the records of .*\|appended to the records of .*\|wrote the records of .*\|the pass of .* in ms: .*" "$work/protect.err" \
    | sed "s|$tree|TREE|; s/^/           /" || true
}

# walk_floor TREE: the time and CPU of `find` reading every folder and lstat'ing every entry
walk_floor() {
  local t0 t1 c0
  children_ticks; c0=$ticks
  t0="$(now)"
  find "$1" -printf '%s %T@ %C@ %i %D %m %U %G %n\n' | wc -l >"$work/floor"
  t1="$(now)"
  children_ticks
  echo "        walk floor (find, lstat of $(cat "$work/floor") entries): $(secs "$t0" "$t1") s, CPU $(cpu_secs $(( ticks - c0 ))) s"
}

i=0
for variant in "$@"; do
  IFS='|' read -r label launcher opts <<<"$variant"
  i=$((i + 1))
  enroll_agent "tree$i" "$work/A$i"
  for _ in 1 2; do # the full pass, then a pass that writes the tree pass's class-data archive
    LIFEBOAT_JAVA_OPTS="$opts" timeout 900 "$launcher" agent protect --dir "$work/A$i" --once "$tree" >/dev/null 2>&1
  done
  archive_line "$launcher" # made by one of these passes only if the build had none since its jar was built
done
variants=("$@")
for round in $(seq 1 "$rounds"); do
  change_tree "$tree" "$round" >/dev/null
  sleep 1.1 # a pass does not trust a stamp changed within a second of its start: each variant the same
  read -r rs_t rs_b rs_c <<<"$(rsync_copy "$tree/" tree/ -a)"
  echo "round $round  rsync over stunnel: $rs_t s, CPU $rs_c s, $rs_b bytes sent"
  walk_floor "$tree"
  for k in $(seq 0 $(( ${#variants[@]} - 1 ))); do
    j=$(( (k + round - 1) % ${#variants[@]} ))
    IFS='|' read -r label launcher opts <<<"${variants[$j]}"
    one_pass "$label" "$launcher" "$opts" "$work/A$((j + 1))"
  done
done
machine_line
