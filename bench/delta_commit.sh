#!/usr/bin/env bash
# The vault's CPU to commit a point sent as a delta of its parent (issue 14): bench/DeltaCommitBench.java
# in one JVM per run, a repository in a temporary folder, a tree of FILES files (one small block each)
# committed whole, then ROUNDS points with 1% of the files changed, each committed as a delta and
# again as a whole manifest. Prints the committing thread's CPU-seconds per commit and the medians,
# and the delta commits' median wall time. A delta commit runs retention as the vault does (after
# the answer on a build that can, session 15; before it on older ones): see DeltaCommitBench.java.
# With a second jar, runs the two alternately, ROUNDS_ALTERNATED times each (a before/after pair).
# Usage: bench/delta_commit.sh [FILES] [ROUNDS] [JAR [BEFORE_JAR]]   (default 46796 8, the built jar)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
files=${1:-46796}
rounds=${2:-8}
jar=${3:-$here/lifeboat-cli/target/lifeboat.jar}
before=${4:-}
if [ -z "${3:-}" ]; then
  (cd "$here" && ./mvnw -B -q -o -DskipTests -pl lifeboat-cli -am package) >&2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/lifeboat-delta.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, SHA extensions: $(grep -q -w sha_ni /proc/cpuinfo && echo yes || echo no)"
run() {
  rm -rf "$work/repo"
  echo "$1 (load $(cut -d' ' -f1-3 /proc/loadavg)):"
  java -cp "$2" "$here/bench/DeltaCommitBench.java" "$work/repo" "$files" "$rounds" 2>/dev/null | grep median | sed 's/^/  /'
}
for _ in $(seq 1 "${ROUNDS_ALTERNATED:-2}"); do
  run "this jar" "$jar"
  [ -n "$before" ] && run "before jar" "$before"
done
