#!/usr/bin/env bash
# bench/retention.sh: what the retention after a commit costs a vault that holds much more than the
# committing machine (issue 14, session 16; not part of verify). bench/RetentionBench.java makes a
# vault (machine big-1: POINTS points of an image of BLOCKS blocks of 64 bytes, 1% new in each), then
# each round, per build (alternated, one JVM each), machine small-1 commits COMMITS points of 64 new
# blocks with retention run before the commit returns: first with a policy that drops nothing (keep
# 1000), then with one that drops a point at every commit (keep 2). Printed: the calling thread's CPU
# of each commit (the check of its 64 blocks and the retention), the first one (a cold JIT) apart.
#   with OLD_LIFEBOAT=/path/to/an/older/worktree/lifeboat (built with `package`): that build on a
#   vault it made itself, alternated with this build on its own.
# Usage: bench/retention.sh [BLOCKS] [POINTS] [ROUNDS] [COMMITS]   (default 196608 8 3 6).
#   bench/retention.sh churn BLOCKS "KEEPS" ROUNDS DROPS (issue 14, session 18): a machine's own
#   dropping commits. Per round, keep and build (alternated, a new vault and JVM each): machine big-1
#   commits KEEP points of an image of BLOCKS blocks, 1% new in each, then DROPS more, each dropping
#   its oldest point; retention queued. Printed per dropping commit: the commit's CPU (its check), the
#   retention's (the rest of the process's CPU until it is idle: its run, GC, JIT) and the MB read.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/bench/lib.sh"
blocks="${1:-196608}"
points="${2:-8}"
rounds="${3:-3}"
commits="${4:-6}"
need_tools java python3
jar="$here/lifeboat-cli/target/lifeboat.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -B -q -DskipTests -pl lifeboat-cli -am package) >&2
builds=("this:$jar")
if [ -n "${OLD_LIFEBOAT:-}" ]; then
  old_jar="$(dirname "$OLD_LIFEBOAT")/lifeboat-cli/target/lifeboat.jar"
  [ -f "$old_jar" ] || { echo "bench: no $old_jar (build that worktree with package)" >&2; exit 2; }
  builds+=("old:$old_jar")
fi
rb() { java -cp "$1" "$here/bench/RetentionBench.java" "${@:2}" 2>&1 | grep -v "^WARNING\|^warning: using incubating\|^1 warning\|WARN\|INFO"; }

machine_line
if [ "$blocks" = churn ]; then
  for r in $(seq 1 "$4"); do
    for keep in $3; do
      for b in "${builds[@]}"; do
        rm -rf "$work/churn"
        rb "${b#*:}" churn "$work/churn/repo" "$2" "$keep" "${5:-3}" | awk -v label="round $r: ${b%%:*} build, $2 blocks, keep $keep" \
          -v load="$(cut -d' ' -f1 /proc/loadavg)" '
          /_commit_cpu_s/ { c = c sprintf(" %.3f", $2) } /_retention_cpu_s/ { t = t sprintf(" %.3f", $2) }
          /_read_mb/ { m = m sprintf(" %.0f", $2) }
          END { printf "%-44s commit%s s, retention%s s, read%s MB   load %s\n", label, c, t, m, load }'
      done
    done
  done
  exit 0
fi
for b in "${builds[@]}"; do
  rb "${b#*:}" make "$work/${b%%:*}/repo" "$blocks" "$points" | sed "s/^/  ${b%%:*} build: /"
done
for r in $(seq 1 "$rounds"); do
  for keep in 1000 2; do
    for b in "${builds[@]}"; do
      rb "${b#*:}" commit "$work/${b%%:*}/repo" "$commits" "$keep" | awk -v label="round $r: ${b%%:*} build, keep $keep" \
        -v load="$(cut -d' ' -f1 /proc/loadavg)" '
        /^commit_[0-9]+_cpu_s/ { split($1, k, "_"); if (k[2] == 0) first = $2; else { s = s sprintf(" %.3f", $2); n++; t += $2 } }
        END { printf "%-34s first %.3f s, then%s (mean %.3f s) CPU per commit   load %s\n", label, first, s, t / n, load }'
    done
  done
done
