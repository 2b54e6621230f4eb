#!/usr/bin/env bash
# bench/start.sh: a one-shot command's whole run, launcher to exit, for two or more builds run in
# alternation (the order turned each round): `scan --help`, `points` of a vault, a kept rescan
# (`agent protect --once` of an unchanged image) and a 1% incremental pass of the same image. Per
# run: the wall seconds, the CPU seconds of the launcher and its JVM, the JVM's main thread's CPU
# seconds (command_cpu.py) and the load; then, once per build, the first `scan --help` and the
# first kept rescan after their class-data archives were removed (the runs that make them). The
# tool behind "A one-shot command's start: a static class archive (issue 14, session 19)" in
# docs/performance.md.
#
# A variant is LABEL|LAUNCHER: LAUNCHER is a `lifeboat` script (this tree's, or another build's,
# e.g. a `git worktree` of main built with `./mvnw -q -o package -DskipTests -pl lifeboat-cli -am`).
#
# Usage: bench/start.sh SIZE_MIB ROUNDS 'before|/tmp/old/lifeboat' 'after|./lifeboat' ...
# Needs: java 17, python3. Not part of `mvn verify`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
variant_args 'LABEL|LAUNCHER' "$@"
set -- "${variants[@]}"
need_tools python3 java
machine_line

warm_vault_with_image "$size_mib" start

i=0
for v in "${variants[@]}"; do
  i=$((i + 1))
  enroll_agent "agent-$i" "$work/A$i"
  # each command's class-data archive written, and the first rescan made (the stamp kept after it)
  "${v#*|}" scan --help >/dev/null 2>&1
  "${v#*|}" points --dir "$work/V" >/dev/null 2>&1
  "${v#*|}" agent protect --dir "$work/A$i" --once "$img" >/dev/null 2>&1
  "${v#*|}" agent protect --dir "$work/A$i" --once "$img" >/dev/null 2>&1
done

# measure LABEL WHAT COMMAND...: one line of the table
measure() {
  local label="$1" what="$2" load
  shift 2
  load="$(cut -d' ' -f1 /proc/loadavg)"
  read -r wall cpu main < <(python3 "$here/bench/command_cpu.py" "$@")
  printf '%-8s %-14s load %5s  wall %6.3f s  CPU %6.3f s  main thread %5.2f s\n' \
    "$label" "$what" "$load" "$wall" "$cpu" "$main"
}

# run WHAT K: one measured run of WHAT by variant K
run() {
  local v="${variants[$2]}" dir="$work/A$(($2 + 1))"
  case "$1" in
    scan-help) measure "${v%%|*}" "$1" "${v#*|}" scan --help ;;
    points) measure "${v%%|*}" "$1" "${v#*|}" points --dir "$work/V" ;;
    1%-pass | kept-rescan) measure "${v%%|*}" "$1" "${v#*|}" agent protect --dir "$dir" --once "$img" ;;
  esac
}

for r in $(seq 1 "$rounds"); do
  order=("${!variants[@]}")
  [ $((r % 2)) -eq 0 ] && mapfile -t order < <(printf '%s\n' "${order[@]}" | tac)
  change_image "$img" >/dev/null # once a round: every build's agent then finds the same 1% changed
  # the 1% pass before the kept rescan: the rescan then finds the image as that pass left it
  for what in scan-help points 1%-pass kept-rescan; do
    for k in "${order[@]}"; do run "$what" "$k"; done
  done
done

# The first run after a build: the command's archive removed, then made again by this run (for
# `scan --help` and for a kept rescan).
for k in "${!variants[@]}"; do
  v="${variants[$k]}"
  target="$(dirname "${v#*|}")/lifeboat-cli/target"
  rm -f "$target/lifeboat-scan.jsa" "$target/lifeboat-agent-protect.jsa"
  measure "${v%%|*}" "first-scan" "${v#*|}" scan --help
  measure "${v%%|*}" "first-rescan" "${v#*|}" agent protect --dir "$work/A$((k + 1))" --once "$img"
done
