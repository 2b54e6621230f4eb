#!/usr/bin/env bash
# bench/record_alloc.sh: what a cold agent's full pass of an image allocates for its block record
# (KnownBlocks), for two or more builds run in alternation (A B A B ...). Per pass: the arrays of
# 64 KiB or more the record made, and their bytes (JFR: every allocation outside a TLAB, with TLABs
# held at 64 KiB so that every such array is one, counted where KnownBlocks$Growing is on the
# stack; a TLAB of a few MiB would hide a record of 1.5 MiB), the pass's collections, the agent's
# CPU seconds (user + system, launcher included) and peak RSS (/usr/bin/time), and the load.
# Every pass is a new machine enrolled in one warmed vault; each build first protects the image
# once unmeasured (its first run writes the launcher's class-data archive). KEEP_JFR=PREFIX keeps
# each recording as PREFIX.LABEL.ROUND.jfr. The tool behind "An image's block record sized from the
# start (issue 14, session 23)" in docs/performance.md.
#
# Usage: bench/record_alloc.sh SIZE_MIB ROUNDS 'LABEL|LAUNCHER' ...   (e.g. 1536: 49,152 blocks of
# 32 KiB, which doubling from one block rounds up to 65,536). Needs java 17 (jfr), python3, /usr/bin/time.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
variant_args 'LABEL|LAUNCHER' "$@"
set -- "${variants[@]}"
need_tools python3 java jfr /usr/bin/time
machine_line

warm_vault_with_image "$size_mib" record-alloc

n=0
for v in "$@"; do
  IFS='|' read -r label launcher <<<"$v"
  n=$((n + 1))
  enroll_agent "first-$n" "$work/F$n"
  timeout 900 "$launcher" agent protect --dir "$work/F$n" --once "$img" >/dev/null
  await_class_archive_dumps "$launcher"
done

for r in $(seq 1 "$rounds"); do
  for v in "$@"; do
    IFS='|' read -r label launcher <<<"$v"
    n=$((n + 1))
    enroll_agent "m$n" "$work/A$n"
    load="$(cut -d' ' -f1 /proc/loadavg)"
    LIFEBOAT_JAVA_OPTS="-XX:TLABSize=64k -XX:-ResizeTLAB -XX:StartFlightRecording:filename=$work/r.jfr,settings=$here/bench/record_alloc.jfc" \
      /usr/bin/time -o "$work/time" -f '%U %S %M' timeout 900 "$launcher" agent protect --dir "$work/A$n" --once "$img" \
      >/dev/null 2>&1
    read -r user sys rss <"$work/time"
    jfr print --json --stack-depth 12 --events 'jdk.ObjectAllocationOutsideTLAB,jdk.GarbageCollection' "$work/r.jfr" \
      >"$work/r.json"
    [ -n "${KEEP_JFR:-}" ] && cp "$work/r.jfr" "$KEEP_JFR.$label.$r.jfr"
    python3 - "$label" "$r" "$load" "$user" "$sys" "$rss" "$work/r.json" <<'PY'
import json, sys
label, r, load, user, sys_s, rss, path = sys.argv[1:8]
events = json.load(open(path))["recording"]["events"]
arrays = bytes_ = gcs = 0
for e in events:
    if e["type"] == "jdk.GarbageCollection":
        gcs += 1
        continue
    frames = (e["values"].get("stackTrace") or {}).get("frames") or []
    if any(f["method"]["type"]["name"] == "io/lifeboat/agent/protect/KnownBlocks$Growing" for f in frames):
        arrays += 1
        bytes_ += e["values"]["allocationSize"]
print(f"{label:<8} round {r}  load {load:>5}  record arrays >= 64 KiB {arrays:3d}, {bytes_ / 2**20:7.2f} MiB  "
      f"collections {gcs:3d}  CPU {float(user) + float(sys_s):6.2f} s  peak RSS {int(rss) / 1024:6.1f} MiB")
PY
  done
done
