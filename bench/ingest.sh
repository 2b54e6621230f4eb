#!/usr/bin/env bash
# bench/ingest.sh: how much one vault takes in from several machines at once (issue 14, aim 5).
#
#   1. one agent (one machine) protects a random image of SIZE_MIB into the vault, cold `--once`
#   2. four agents (four other machines, four other random images of SIZE_MIB) protect into the same
#      vault at the same time, each a cold `--once` started together
#
# For each it prints the aggregate rate (image bytes of all agents over the wall time from the
# first start to the last end), the vault's CPU seconds per GiB it ingested and the agents' CPU
# seconds, and the ratio of the two aggregate rates (the aim: four agents at least 1.6x one).
# The agents run on the vault's machine here, so they compete with it for the same cores: on a
# small machine that bounds the aggregate more than the vault does; the vault's CPU per GiB is the
# figure that carries over to a vault with its agents elsewhere.
#
# Usage: bench/ingest.sh [SIZE_MIB] [AGENTS]   (default 512 4)
# Needs: java 17, python3. Not part of `mvn verify`. Stops by itself.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
size_mib="${1:-512}"
agents="${2:-4}"
need_tools python3 java
machine_line

start_vault
echo "bench: enrolling $(( agents + 2 )) machines and making $(( agents + 1 )) random images of $size_mib MiB" >&2
for m in $(seq 0 "$agents"); do
  enroll_agent "m$m" "$work/A$m"
  make_image "$work/m$m.img" "$size_mib" "m$m" random
done
# The vault is a long-running service: warmed by another machine's 128 MiB first (see replicate.sh).
make_image "$work/warm.img" 128 warm-up-host random
enroll_agent warm-up "$work/W"
lb agent protect --dir "$work/W" --once "$work/warm.img" >/dev/null
rm -f "$work/warm.img"

# run_agents FIRST LAST: machines mFIRST..mLAST protect their images at once. Prints: wall seconds,
# bytes sent by all, agents' CPU seconds, vault CPU seconds.
run_agents() {
  local t0 t1 c0 v0 m bytes=0 list=()
  children_ticks; c0=$ticks; process_ticks "$vault_pid"; v0=$ticks
  t0="$(now)"
  for m in $(seq "$1" "$2"); do
    lb agent protect --dir "$work/A$m" --once --json "$work/m$m.img" >"$work/m$m.jsonl" 2>/dev/null & list+=($!)
  done
  for p in "${list[@]}"; do wait "$p"; done
  t1="$(now)"
  children_ticks; local agent=$(( ticks - c0 )); process_ticks "$vault_pid"; local vault=$(( ticks - v0 ))
  for m in $(seq "$1" "$2"); do
    bytes=$(( bytes + $(grep '"event":"committed"' "$work/m$m.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["bytesSent"])') ))
  done
  echo "$(secs "$t0" "$t1") $bytes $(cpu_secs "$agent") $(cpu_secs "$vault")"
}
echo "bench: one agent" >&2
read -r one_t one_b one_ac one_vc <<<"$(run_agents 0 0)"
echo "bench: $agents agents at once" >&2
read -r many_t many_b many_ac many_vc <<<"$(run_agents 1 "$agents")"

python3 - "$size_mib" "$agents" "$(nproc)" "$one_t" "$one_b" "$one_ac" "$one_vc" "$many_t" "$many_b" "$many_ac" "$many_vc" <<'PY'
import sys
a = sys.argv[1:]
mib, n, cores = int(a[0]), int(a[1]), int(a[2])
t1, b1, a1, v1, tn, bn, an, vn = (float(x) for x in a[3:11])
size = mib << 20
print(f"ingest: random images of {mib} MiB, one vault, loopback, TLS, {cores} cores shared by the vault and the agents")
print(f"{'':<18}{'wall s':>8}{'MB/s (all)':>12}{'bytes on wire':>16}{'vault CPU s':>13}{'vault s/GiB':>13}{'agents CPU s':>14}")
for name, t, b, ac, vc, k in [("1 agent", t1, b1, a1, v1, 1), (f"{n} agents at once", tn, bn, an, vn, n)]:
    print(f"{name:<18}{t:>8.2f}{k * size / t / 1e6:>12.1f}{int(b):>16,}{vc:>13.1f}{vc / (b / (1 << 30)):>13.2f}{ac:>14.1f}")
ratio = (n * size / tn) / (size / t1)
print(f"aim 5: {n} agents' aggregate / one agent's: {ratio:.2f}x (at least 1.6x): {'holds' if ratio >= 1.6 else f'misses by {1.6 / ratio:.2f}x'}")
print(f"vault CPU per GiB ingested: {v1 / (b1 / (1 << 30)):.2f} s with one agent, {vn / (bn / (1 << 30)):.2f} s with {n}"
      " (aim 2: at most 2.0 s)")
PY
machine_line
