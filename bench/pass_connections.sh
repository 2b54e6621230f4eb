#!/usr/bin/env bash
# bench/pass_connections.sh: a fresh agent's fixed costs, for two or more builds run in alternation
# (A B A B ...): per kept rescan (an unchanged image, kept by its stamp) the whole `agent protect
# --once` command's wall time (launcher to exit), the pass after start and the load; then, once per
# build, the TCP connections to the vault that a kept rescan and a 1% incremental pass opened (each
# one a TLS handshake), counted with strace in runs apart from the timed ones (strace slows the JVM).
# The tool behind "A fresh agent's fixed costs (issue 14, session 15)" in docs/performance.md.
#
# A variant is LABEL|LAUNCHER: LAUNCHER is a `lifeboat` script (this tree's, or another build's,
# e.g. a `git worktree` of main built with `./mvnw -q -o package -DskipTests -pl lifeboat-cli -am`).
#
# Usage: bench/pass_connections.sh SIZE_MIB ROUNDS 'before|/tmp/old/lifeboat' 'after|./lifeboat' ...
# Needs: java 17, python3, strace (for the counts). Not part of `mvn verify`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
variant_args 'LABEL|LAUNCHER' "$@"
set -- "${variants[@]}"
need_tools python3 java strace
machine_line

warm_vault_with_image "$size_mib" pass-connections
vault_port="$(sed 's/.*://' "$work/V/run/address")"

i=0
for v in "$@"; do
  i=$((i + 1))
  enroll_agent "agent-$i" "$work/A$i"
  "${v#*|}" agent protect --dir "$work/A$i" --once "$img" >/dev/null 2>&1 # writes the build's class-data archive
  "${v#*|}" agent protect --dir "$work/A$i" --once "$img" >/dev/null 2>&1 # the first rescan: the stamp kept after it
done

# pass LAUNCHER DIR: one `agent protect --once --json`; prints "WALL PASS"
pass() {
  local t0 t1
  t0="$(now)"
  "$1" agent protect --dir "$2" --once --json "$img" >"$work/protect.jsonl" 2>/dev/null
  t1="$(now)"
  echo "$(secs "$t0" "$t1") $(python3 -c 'import json,sys
e=[json.loads(l) for l in open(sys.argv[1]) if "\"committed\"" in l]
print(e[-1]["seconds"] if e else "nan")' "$work/protect.jsonl")"
}

for r in $(seq 1 "$rounds"); do
  i=0
  for v in "$@"; do
    i=$((i + 1))
    load="$(cut -d' ' -f1 /proc/loadavg)"
    read -r wall pass_s < <(pass "${v#*|}" "$work/A$i")
    printf '%-10s kept rescan  load %5s  command %5.2f s  pass after start %5.2f s\n' "${v%%|*}" "$load" "$wall" "$pass_s"
  done
done

# connections LAUNCHER DIR: the TCP connections to the vault of one pass, from strace
connections() {
  strace -f -qq -e trace=connect -o "$work/strace" "$1" agent protect --dir "$2" --once "$img" >/dev/null 2>&1
  grep -c "_port=htons($vault_port)" "$work/strace" || true
}
declare -A kept
i=0
for v in "$@"; do
  i=$((i + 1))
  kept[$i]="$(connections "${v#*|}" "$work/A$i")"
done
change_image "$img" >/dev/null # once: every build's agent then finds the same 1% changed
i=0
for v in "$@"; do
  i=$((i + 1))
  printf '%-10s connections to the vault: kept rescan %s, 1%% incremental %s\n' "${v%%|*}" "${kept[$i]}" \
    "$(connections "${v#*|}" "$work/A$i")"
done
