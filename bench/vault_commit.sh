#!/usr/bin/env bash
# bench/vault_commit.sh: what a small pass's commit costs the vault, for two or more vault builds
# alternated (issue 14, session 15: "The vault's side of a commit" in docs/performance.md).
#
# A variant is LABEL|LAUNCHER: LAUNCHER is a `lifeboat` script (this tree's, or another build's
# worktree's), whose `vault serve` runs the variant's own vault (each in a folder of its own, warmed
# with a 128 MiB pass). The agents are this tree's in every variant, so only the vault differs. Per
# variant two machines: one protects a tree (bench/lib.sh make_tree, FILES files, SIZE_MB MB), one a
# random image of IMAGE_MIB MiB; after a full pass and an unmeasured pass each, every round changes
# 1% of the tree's files and runs, per variant (the order turned by one each round), the tree's 1%
# pass and the image's kept rescan (unchanged: kept by its stamp, nearly all commit). Per pass: the
# load, the agent's pass after start, its commit phase (the agent's debug line: from the last batch
# sent to the vault's answer), and the vault's CPU from the pass's start to SETTLE seconds after its
# end (default 1.5: retention, which a vault may run after answering, is counted too).
#
# Usage: bench/vault_commit.sh ROUNDS 'before|/work/wt/old/lifeboat' 'after|./lifeboat'
#        FILES=50000 SIZE_MB=300 IMAGE_MIB=1024 SETTLE=1.5 by default.
# Needs: java 17, python3, tar. Not part of `mvn verify`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rounds="${1:?rounds}"
shift
[ "$#" -ge 1 ] || { echo "usage: bench/vault_commit.sh ROUNDS 'LABEL|LAUNCHER'..." >&2; exit 2; }
need_tools python3 java tar
machine_line
settle="${SETTLE:-1.5}"

tree="$work/tree"
make_tree "$tree" "${FILES:-50000}" "${SIZE_MB:-300}"
img="$work/disk.img"
make_image "$img" "${IMAGE_MIB:-1024}" vault-commit random

vault_pids=()
# start_variant_vault I LAUNCHER: variant I's vault in $work/V$I, its JVM's pid in vault_pids[I]
start_variant_vault() {
  local i="$1" launcher="$2" vport
  vport="$(free_port)"
  timeout 900 "$launcher" vault init --dir "$work/V$i" --listen "127.0.0.1:$vport" >/dev/null
  "$launcher" vault serve --dir "$work/V$i" >"$work/vault$i.log" 2>&1 & pids+=($!)
  vault_pids[$i]=$!
  for _ in $(seq 1 300); do [ -s "$work/V$i/run/address" ] && break; sleep 0.2; done
}
enroll_in() { lb agent enroll "$(timeout 60 "$2" vault enroll --dir "$work/V$1" --machine "$3")" --dir "$4" >/dev/null; }

# one_pass LABEL I KIND AGENT_DIR SOURCE: one cold `agent protect --once`; prints one line
one_pass() {
  local label="$1" i="$2" kind="$3" dir="$4" src="$5" load v0 v1
  load="$(cut -d' ' -f1 /proc/loadavg)"
  process_ticks "${vault_pids[$i]}"; v0=$ticks
  LIFEBOAT_JAVA_OPTS="-DLIFEBOAT_LOG_LEVEL=debug" timeout 900 "$here/lifeboat" agent protect --dir "$dir" --once --json "$src" \
    >"$work/protect.jsonl" 2>"$work/protect.err"
  sleep "$settle"
  process_ticks "${vault_pids[$i]}"; v1=$ticks
  python3 - "$label" "$kind" "$load" "$work/protect.jsonl" "$work/protect.err" "$(( v1 - v0 ))" "$tck" <<'PY'
import json, re, sys
label, kind, load, events, err, vticks, tck = sys.argv[1:8]
e = [json.loads(l) for l in open(events) if '"committed"' in l][-1]
m = re.search(r"committed (\d+)", open(err).read())
commit = f"{int(m.group(1)) / 1000:5.3f} s" if m else "  n/a  "
print(f"{label:<10}{kind:<7} load {load:>5}  pass {e['seconds']:5.2f} s  commit {commit}"
      f"  vault CPU {int(vticks) / int(tck):5.2f} s  sent {e['bytesSent']:>10,}")
PY
}

i=0
for variant in "$@"; do
  IFS='|' read -r label launcher <<<"$variant"
  i=$((i + 1))
  start_variant_vault "$i" "$launcher"
  enroll_in "$i" "$launcher" warm-up "$work/W$i"
  make_image "$work/warm.img" 128 warm-up-host random
  lb agent protect --dir "$work/W$i" --once "$work/warm.img" >/dev/null 2>&1 # the vault's JIT warmed, as a running vault's is
  enroll_in "$i" "$launcher" "tree$i" "$work/T$i"
  enroll_in "$i" "$launcher" "img$i" "$work/I$i"
  for _ in 1 2; do # the full pass, then one that writes the launcher's class-data archive
    lb agent protect --dir "$work/T$i" --once "$tree" >/dev/null 2>&1
    lb agent protect --dir "$work/I$i" --once "$img" >/dev/null 2>&1
  done
done
rm -f "$work/warm.img"
variants=("$@")
for round in $(seq 1 "$rounds"); do
  change_tree "$tree" "$round" >/dev/null
  sleep 1.1 # a pass does not trust a stamp changed within a second of its start: each variant the same
  echo "round $round"
  for k in $(seq 0 $(( ${#variants[@]} - 1 ))); do
    j=$(( (k + round - 1) % ${#variants[@]} ))
    IFS='|' read -r label launcher <<<"${variants[$j]}"
    one_pass "$label" "$((j + 1))" tree "$work/T$((j + 1))" "$tree"
    one_pass "$label" "$((j + 1))" image "$work/I$((j + 1))" "$img"
  done
done
machine_line
