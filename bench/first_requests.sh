#!/usr/bin/env bash
# bench/first_requests.sh: what a fresh agent's requests cost, by thread, for two or more builds run
# in alternation (A B A B ...): per round, each build's kept rescan (an unchanged image, kept by its
# stamp: the node list, the point list and the commit) and then its 1% pass (1% of the image
# rewritten just before: the asks and a batch as well), each a cold `agent protect --once` measured
# by bench/start_threads.py (each thread's CPU from schedstat, sampled every 5 ms); printed: the
# load, the CPU ms of the threads that carry the requests (the event loop, `lifeboat-vault-connect`,
# the TLS preload), main, the JIT, the process and its thread count. Then, once per build, the
# classes a kept rescan and a 1% pass load (-Xlog:class+load), and how many of them come from
# outside the class archive. Connections per pass: bench/pass_connections.sh.
# The tool behind "A fresh agent's first requests (issue 14, session 25)" in docs/performance.md.
#
# Usage: bench/first_requests.sh SIZE_MIB ROUNDS 'old|/work/wt/old2/lifeboat' 'new|./lifeboat' ...
# Needs: java 17, python3. Not part of `mvn verify`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
variant_args 'LABEL|LAUNCHER' "$@"
set -- "${variants[@]}"
need_tools python3 java
machine_line

warm_vault_with_image "$size_mib" first-requests
i=0
for v in "$@"; do
  i=$((i + 1))
  enroll_agent "agent-$i" "$work/A$i"
  cp "$img" "$work/img$i" # each build's own image: a change made for one is never another's kept rescan
  "${v#*|}" agent protect --dir "$work/A$i" --once "$work/img$i" >/dev/null 2>&1 # writes the build's class-data archive
  "${v#*|}" agent protect --dir "$work/A$i" --once "$work/img$i" >/dev/null 2>&1 # the stamp kept after it
done

# measure LABEL LAUNCHER DIR KIND IMAGE: one pass under start_threads.py, one line of figures
measure() {
  local load out
  load="$(cut -d' ' -f1 /proc/loadavg)"
  out="$(python3 "$here/bench/start_threads.py" "$2" agent protect --dir "$3" --once "$5")"
  python3 - "$1" "$4" "$load" <<PY
import re, sys
label, kind, load = sys.argv[1:]
text = """$out"""
ms = {}
for line in text.splitlines():
    m = re.match(r"\s*([\d.]+) ms (.*)", line)
    if m:
        ms[m.group(2)] = float(m.group(1))
def of(pattern):
    return sum(v for k, v in ms.items() if re.search(pattern, k))
threads = re.search(r"total, (\d+) threads", text).group(1)
print(f"{label:<6} {kind:<11} load {load:>5}  event loop {of(r'eventloo'):6.1f}  vault-connect {of(r'vault-'):6.1f}"
      f"  tls-preload {of(r'tls-pr'):6.1f}  main {of(r'^java$'):6.1f}  JIT {of(r'Compiler'):6.1f}"
      f"  process {of(r'total'):6.1f} ms  {threads} threads  wall {of(r'wall'):6.1f} ms")
PY
}

for r in $(seq 1 "$rounds"); do
  i=0
  for v in "$@"; do
    i=$((i + 1))
    measure "${v%%|*}" "${v#*|}" "$work/A$i" "kept rescan" "$work/img$i"
  done
  i=0
  for v in "$@"; do
    i=$((i + 1))
    change_image "$work/img$i" >/dev/null
    measure "${v%%|*}" "${v#*|}" "$work/A$i" "1% pass" "$work/img$i"
  done
done

# classes LAUNCHER DIR IMAGE: classes one pass loaded, and how many not from the class archive
classes() {
  LIFEBOAT_JAVA_OPTS="-Xlog:class+load=info:file=$work/classes.log" "$1" agent protect --dir "$2" --once "$3" >/dev/null 2>&1
  echo "$(grep -c 'source:' "$work/classes.log") classes, $(grep 'source:' "$work/classes.log" | grep -vc 'shared objects file') not from the archive"
}
i=0
for v in "$@"; do
  i=$((i + 1))
  kept="$(classes "${v#*|}" "$work/A$i" "$work/img$i")"
  change_image "$work/img$i" >/dev/null
  printf '%-6s classes loaded: kept rescan %s; 1%% pass %s\n' "${v%%|*}" "$kept" "$(classes "${v#*|}" "$work/A$i" "$work/img$i")"
done
