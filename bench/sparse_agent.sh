#!/usr/bin/env bash
# A sparse image with scattered data protected by the real agent through the real vault (`vault
# serve`, mutual TLS on loopback), for the part bench/sparse.sh stands in for: how fast the agent
# gets through holes, and the vault's and the agent's memory for it. Prints the pass's time and
# bytes sent, the vault's heap in use after a full GC (jcmd) and its RSS, the agent's peak RSS, and
# the manifest's bytes in the vault's repository. Not part of verify.
# Usage: bench/sparse_agent.sh [SIZE_GIB] [PIECES]   (default 16 GiB, 64 pieces of 64 KiB: the
# density of bench/sparse.sh's 4,096 pieces per TiB). Needs java 17 (with jcmd) and python3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gib="${1:-16}"
pieces="${2:-64}"
lb() { timeout 3600 "$here/lifeboat" "$@"; }
work="$(mktemp -d "${TMPDIR:-/tmp}/lifeboat-sparse-agent-XXXXXX")"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
status_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null || true; }

img="$work/sparse.img"
python3 - "$img" "$gib" "$pieces" <<'PY'
import os, random, sys
path, gib, pieces = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
size = gib << 30
r = random.Random(7)
with open(path, "wb") as f:
    f.truncate(size)
    for i in range(pieces):
        f.seek(i * (size // pieces) + 4097 + r.randrange(8192))
        f.write(os.urandom(65536))
PY
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores," \
  "sha_ni $(grep -qw sha_ni /proc/cpuinfo && echo present || echo absent)"
echo "image: $gib GiB apparent, $(du -k "$img" | cut -f1) KiB allocated, $pieces pieces of 64 KiB"

vport="$(free_port)"
lb vault init --dir "$work/V" --listen "127.0.0.1:$vport" >/dev/null
"$here/lifeboat" vault serve --dir "$work/V" >"$work/vault.log" 2>&1 & pids+=($!)
vault_pid=$! # the launcher execs java for `vault serve`: this is the JVM
for _ in $(seq 1 300); do [ -s "$work/V/run/address" ] && break; sleep 0.2; done
lb agent enroll "$(lb vault enroll --dir "$work/V" --machine sparse)" --dir "$work/A" >/dev/null

vault_heap() { # KiB in use after a full GC
  jcmd "$vault_pid" GC.run >/dev/null
  jcmd "$vault_pid" GC.heap_info | grep -m1 -o 'used [0-9]*K' | tr -dc 0-9
}
echo "vault before: heap used $(vault_heap) KiB, RSS $(status_kib "$vault_pid" VmRSS) KiB"

t0="$(date +%s.%N)"
"$here/lifeboat" agent protect --dir "$work/A" --once --json "$img" >"$work/protect.jsonl" & agent_pid=$!
peak=0
while kill -0 "$agent_pid" 2>/dev/null; do
  # the launcher execs java, or (while it writes its class-data archive) runs it as its child
  jpid="$agent_pid"; [ "$(cat "/proc/$agent_pid/comm" 2>/dev/null)" = java ] || jpid="$(pgrep -P "$agent_pid" -x java || true)"
  hwm="$( [ -n "$jpid" ] && status_kib "$jpid" VmHWM || true)"
  [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ] && peak="$hwm"
  sleep 0.5
done
wait "$agent_pid"
t1="$(date +%s.%N)"
sent="$(grep '"event":"committed"' "$work/protect.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["bytesSent"])')"
echo "protect: $(python3 -c "print(f'{$t1-$t0:.1f}')") s, $sent bytes sent; agent peak RSS $peak KiB"
echo "vault after: heap used $(vault_heap) KiB, RSS $(status_kib "$vault_pid" VmRSS) KiB"
echo "manifest: $(find "$work/V/repo/manifests" -type f -printf '%s\n' | awk '{s+=$1} END {print s}') bytes in" \
  "$(find "$work/V/repo/manifests" -type f | wc -l) chunk(s); point file" \
  "$(find "$work/V/repo/points" -type f -printf '%s\n' | awk '{s+=$1} END {print s}') bytes"
