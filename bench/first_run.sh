#!/usr/bin/env bash
# bench/first_run.sh: a command's first run after a build (its class list written, its class-data
# archive made) against a later run (the archive mapped) and a run without class-data archives of
# ours (LIFEBOAT_CDS=off: the JDK's own archive only, no list written), for this worktree's launcher
# and OLD_LIFEBOAT's, alternated, the order turned each round (issue 14, aim 6: a user's first
# failover after an install is the one in a disaster).
#
# One vault holds a 1 GiB random image (protected once by the real agent). Each round, for each
# build: both commands' archives removed (as a build leaves them), then `failover` of the image's
# point to a new file (every block checked, fsync; as bench/replicate.sh runs it) first, later and
# with LIFEBOAT_CDS=off, then the same for `agent protect --once` of the unchanged image (a kept
# rescan: mostly start-up). Each run: the wall time from the launcher's start to its exit (what a
# caller waits for), the CPU seconds of the launcher and what it waited for (a dump it starts and
# does not wait for is not counted), and the load average. After a first run the bench waits (at
# most two minutes) for the archive, and prints when it appeared, counted from the launcher's exit,
# so that no dump runs beside the next timed run.
#
# Usage: OLD_LIFEBOAT=/path/to/other/worktree/lifeboat bench/first_run.sh [ROUNDS]   (default 3)
# Needs: java 17, python3, cmp. Not part of `mvn verify`. Stops by itself.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rounds="${1:-3}"
: "${OLD_LIFEBOAT:?set OLD_LIFEBOAT to the launcher of the build to compare with}"
need_tools python3 java cmp
machine_line

img="$work/disk.img"
echo "bench: a vault holding a 1 GiB random image" >&2
vault_holding_image "$img"
await_class_archive_dumps # the set-up's own first runs

# timed_run LAUNCHER BUILD KIND CDS ARGS...: one run; prints "BUILD COMMAND KIND WALL CPU LOAD"
# and, after a first run, waits for the command's archive
timed_run() {
  local launcher=$1 build=$2 kind=$3 cds=$4 t0 t1 c0 archive
  shift 4
  archive="$(dirname "$launcher")/lifeboat-cli/target/lifeboat-$([ "$1" = agent ] && echo "$1-$2" || echo "$1").jsa"
  children_ticks; c0=$ticks
  t0="$(now)"
  LIFEBOAT_CDS="$cds" timeout 900 "$launcher" "$@" >/dev/null 2>&1
  t1="$(now)"
  children_ticks
  local ticks_run=$(( ticks - c0 )) load t2
  load="$(cut -d' ' -f1 /proc/loadavg)"
  if [ "$kind" = first ]; then
    for _ in $(seq 1 1200); do [ -s "$archive" ] && break; sleep 0.05; done
    t2="$(now)"
    [ -s "$archive" ] || { echo "bench: no archive $archive" >&2; exit 1; }
    await_class_archive_dumps "$launcher"
  fi
  echo "$build $1 $kind $(secs "$t0" "$t1") $(cpu_secs "$ticks_run") $load${t2:+ archive-after-exit $(secs "$t1" "$t2")}"
}

# one_build LAUNCHER BUILD: the six runs of one build
one_build() {
  local launcher=$1 build=$2 target kind
  target="$(dirname "$launcher")/lifeboat-cli/target"
  rm -f "$target/lifeboat-failover.jsa" "$target/lifeboat-agent-protect.jsa"
  for kind in first later off; do
    timed_run "$launcher" "$build" "$kind" "$([ "$kind" = off ] && echo off || echo on)" \
      failover --dir "$work/V" --machine bench --to "$work/restored.img"
    cmp -s "$img" "$work/restored.img" || { echo "bench: the failed-over image differs" >&2; exit 1; }
    rm -f "$work/restored.img"
  done
  for kind in first later off; do
    timed_run "$launcher" "$build" "$kind" "$([ "$kind" = off ] && echo off || echo on)" \
      agent protect --dir "$work/A" --once "$img"
  done
}

echo "build command run wall_s cpu_s load [archive-after-exit s]"
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then
    one_build "$here/lifeboat" new; one_build "$OLD_LIFEBOAT" old
  else
    one_build "$OLD_LIFEBOAT" old; one_build "$here/lifeboat" new
  fi
done
