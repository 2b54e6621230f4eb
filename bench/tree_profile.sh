#!/usr/bin/env bash
# bench/tree_profile.sh: where a fresh agent's 1%-of-files tree pass spends its CPU, by thread and by
# kind of code (issue 14, aim 4; "A tree's 1% pass by thread and kind of code (issue 14, session 24)"
# in docs/performance.md). The tree, its 1% change and the vault are bench/tree_pass.sh's; after a
# full pass and a pass that writes the launcher's class archive, each round changes 1% of the files
# and records one `agent protect --once` of the tree with `perf record -g -F 1999` (the launcher and its
# JVM, which names its compiled code and interpreter through -XX:+DumpPerfMapAtExit), then prints
# the agent's phase line (-DLIFEBOAT_LOG_LEVEL=debug) and `bench/perf_split.py --threads`: each busy
# thread's CPU in the interpreter, compiled code, the kernel and the JVM itself.
#
# Usage: bench/tree_profile.sh [ROUNDS] [LAUNCHER]   (2 and this tree's ./lifeboat by default)
#        FILES=50000 SIZE_MB=750 by default. Needs: perf (allowed to sample: perf_event_paranoid <= 1
#        or root), java 17, python3. Not part of `mvn verify`. Stops by itself.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rounds="${1:-2}"
launcher="${2:-$here/lifeboat}"
need_tools perf python3 java
machine_line
tree="$work/tree"
make_tree "$tree" "${FILES:-50000}" "${SIZE_MB:-750}"
start_vault
enroll_agent profiled "$work/A"
for _ in 1 2; do # the full pass, then a pass that writes the tree pass's class-data archive
  timeout 900 "$launcher" agent protect --dir "$work/A" --once "$tree" >/dev/null 2>&1
done
await_class_archive_dumps "$launcher"
for round in $(seq 1 "$rounds"); do
  change_tree "$tree" "$round" >/dev/null
  sleep 1.1 # a pass does not trust a stamp changed within a second of its start, as in tree_pass.sh
  echo "round $round  load $(cut -d' ' -f1 /proc/loadavg)"
  LIFEBOAT_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -DLIFEBOAT_LOG_LEVEL=debug" \
    perf record -q -g -F 1999 -o "$work/perf.data" -- timeout 900 "$launcher" agent protect --dir "$work/A" --once "$tree" \
    >/dev/null 2>"$work/protect.err"
  grep -o "the pass of .* in ms: .*" "$work/protect.err" | sed "s|$tree|TREE|; s/^/  /" || true
  python3 "$here/bench/perf_split.py" --threads "$work/perf.data" 1999
  # the JVM's map of its compiled code, written to /tmp at its exit: read by perf script above, not kept
  for pid in $(perf script -i "$work/perf.data" -F pid 2>/dev/null | sort -u); do rm -f "/tmp/perf-$pid.map"; done
done
machine_line
