#!/usr/bin/env bash
# bench/incremental.sh: an image's 1% incremental pass (issue 14, aim 3: ≤ 0.5x rsync over TLS, a fresh
# JVM included), this tree's agent against another build's, alternated in the same minutes, into one
# vault (this tree's), beside rsync over TLS (stunnel) of the same change.
#
# Each build's agent is a machine of its own with its own copy of one random image, protected once
# whole (unmeasured). Every round rewrites 1% of every copy (bench/lib.sh change_image: scattered,
# unaligned 64 KiB pieces), then runs each build's cold `agent protect --once` (the order turned
# every round, so neither always runs first) and rsync of the first copy into the rsync module.
# Per pass it prints: the whole command's wall seconds, the pass's own seconds after the agent's
# start (its "committed" event), its end (from that event, which follows the records and the stamp
# saved, to the process's end: the client's close and the JVM's exit), the agent's CPU seconds, bytes
# on the wire, and the load average. PHASES=1 runs both agents at DEBUG and adds each pass's phase
# line (Protector's: read, its last batch sent, committed with the delta's building and the requests,
# records saved), the same for both builds since session 19.
#
# Usage: OLD_LIFEBOAT=/work/wt/old-BRANCH/lifeboat bench/incremental.sh SIZE_MIB ROUNDS
# Needs: java 17, python3, rsync, stunnel, openssl. Not part of `mvn verify`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
size_mib="${1:?size in MiB}"
rounds="${2:?rounds}"
old="${OLD_LIFEBOAT:?OLD_LIFEBOAT=the lifeboat launcher of another build}"
need_tools python3 java rsync stunnel openssl
machine_line

labels=(new old)
phases_opts=""
if [ "${PHASES:-0}" = 1 ]; then phases_opts="-DLIFEBOAT_LOG_LEVEL=debug "; fi
launchers=("$here/lifeboat" "$old")
warm_vault_with_image "$size_mib" incremental
start_rsync_tls
for i in 0 1; do
  cp "$img" "$work/img$i"
  enroll_agent "m$i" "$work/A$i"
  timeout 900 "${launchers[$i]}" agent protect --dir "$work/A$i" --once "$work/img$i" >/dev/null 2>&1
done
rsync_copy "$work/img0" disk.img --inplace --no-whole-file >/dev/null
for i in 0 1; do archive_line "${launchers[$i]}"; done

# stamp_committed: copies standard input through, writing the wall clock at which the "committed"
# event arrived to $work/committed_at (bash's own clock: no process started per line)
stamp_committed() {
  local line
  while IFS= read -r line; do
    printf '%s\n' "$line"
    if [[ "$line" == *'"committed"'* ]]; then echo "$EPOCHREALTIME" >"$work/committed_at"; fi
  done
}

# one_pass I: a cold 1% pass of build I's agent; prints one line
one_pass() {
  local i="$1" load t0 t1 c0
  load="$(cut -d' ' -f1 /proc/loadavg)"
  children_ticks; c0=$ticks
  rm -f "$work/committed_at"
  t0="$(now)"
  LIFEBOAT_JAVA_OPTS="${phases_opts}${LIFEBOAT_JAVA_OPTS:-}" timeout 900 "${launchers[$i]}" agent protect \
    --dir "$work/A$i" --once --json "$work/img$i" 2>"$work/protect.err" | stamp_committed >"$work/protect.jsonl"
  t1="$(now)"
  children_ticks
  python3 - "${labels[$i]}" "$load" "$(secs "$t0" "$t1")" "$(cpu_secs $(( ticks - c0 )))" "$work/protect.jsonl" \
    "$(secs "$(cat "$work/committed_at")" "$t1")" "$work/protect.err" <<'PY'
import json, re, sys
label, load, wall, cpu, events, end, err = sys.argv[1:8]
e = [json.loads(l) for l in open(events) if '"committed"' in l][-1]
phases = re.findall(r"the pass of .* in ms: (.*)", open(err).read())
print(f"{label:<6} load {load:>5}  whole {wall} s  pass {e['seconds']:.2f} s  end {end} s  agent CPU {cpu} s  sent {e['bytesSent']}"
      + (f"\n       {phases[-1]}" if phases else ""))
PY
}

for r in $(seq 1 "$rounds"); do
  for i in 0 1; do change_image "$work/img$i" >/dev/null; done
  if (( r % 2 )); then order=(0 1); else order=(1 0); fi
  for i in "${order[@]}"; do one_pass "$i"; done
  read -r t b c <<<"$(rsync_copy "$work/img0" disk.img --inplace --no-whole-file)"
  echo "rsync  load $(cut -d' ' -f1 /proc/loadavg)  whole $t s  CPU $c s  sent $b"
done
