#!/usr/bin/env bash
# bench/replicate.sh: replication throughput and bytes on the wire, in one run on one image.
#
#   1. lifeboat: first full `agent protect` of the image, then the incremental pass after 1% of it
#      changed in scattered, unaligned 64 KiB pieces (vault and agent on loopback, mutual TLS)
#   2. rsync through a TLS tunnel (stunnel client -> stunnel server -> rsync daemon), the same two copies
#   3. a raw TLS pipe of the same bytes (socat OPENSSL -> socat OPENSSL-LISTEN -> /dev/null): the
#      transport ceiling
#   4. an agent left running (`protect --interval`, as a service runs): its pass after another 1%
#      change and its pass after the image is replaced by a new one (a warm full pass), timed by
#      the agent, each against rsync on the same data
#   5. the full pass's work floor: SHA-256 of the image's non-zero blocks at both ends (the hashing
#      kernel, warm, timed alone), plus TLS and loopback for the bytes lifeboat sent at the raw
#      pipe's CPU per byte, plus the CPU of the cold agent's JIT compiler threads: the CPU that no
#      pass of this design on a fresh JVM can go below, against what the pass and rsync spent
#
# Bytes on the wire are application bytes sent to the far side: lifeboat's recorded `bytesSent`
# (request bodies: id queries, block batches, the commit), rsync's "Total bytes sent", and the
# image size for the raw pipe; TLS record and HTTP framing add well under 1% to each. CPU seconds
# are both ends' user+system time for the cold copies (lifeboat: agent and vault; rsync: client,
# daemon and both stunnels; the pipe: both socats): on a machine where the two ends share the
# cores, they say how much work each copy is, apart from how well it overlaps.
#
# Usage: bench/replicate.sh [SIZE_MIB]     (default 2048; the image is 1/2 random, 1/4 text, 1/4 zeros)
# Needs: java 17, rsync, stunnel4, socat, openssl, python3. Not part of `mvn verify`. Stops by itself.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mib="${1:-2048}"
for tool in rsync stunnel socat openssl python3 java; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 2; }
done
jar="$here/lifeboat-cli/target/lifeboat.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -B -q -DskipTests -pl lifeboat-cli -am package)
lb() { timeout 900 "$here/lifeboat" "$@"; }

work="$(mktemp -d /tmp/lifeboat-bench-XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2-$1:.2f}')"; }
# CPU time in clock ticks, set in $ticks (no command substitution: that would be another process).
# Of this shell's children that have ended and been waited for (utime+stime, cutime+cstime of
# /proc/$BASHPID/stat), or of a running process and its waited-for children.
tck="$(getconf CLK_TCK)"
children_ticks() { local -a f; read -r -a f <"/proc/$BASHPID/stat"; ticks=$(( f[15] + f[16] )); }
process_ticks() { local -a f; read -r -a f <"/proc/$1/stat"; ticks=$(( f[13] + f[14] + f[15] + f[16] )); }
cpu_secs() { python3 -c "print(f'{$1 / $tck:.2f}')"; }

img="$work/disk.img"
echo "bench: building a ${size_mib} MiB image (1/2 random, 1/4 text, 1/4 zeros) in $work" >&2
make_image() { # PATH MIB HOST: 1/2 random, 1/4 log-like text naming HOST, 1/4 zeros
  python3 - "$1" "$2" "$3" <<'PY'
import os, sys
path, mib, host = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode()
line = b"2026-11-28T12:00:00Z " + host + b" GET /orders/12345 200 17ms user=alice session=3f9a\n"
text = (line * ((1 << 20) // len(line) + 1))[: 1 << 20]
with open(path, "wb") as f:
    for _ in range(mib // 2):
        f.write(os.urandom(1 << 20))
    for i in range(mib // 4):
        f.write(text[i % 64:] + text[: i % 64])
    f.truncate(mib << 20)
PY
}
make_image "$img" "$size_mib" web-1
change_image() { # [PATH], the bench image by default
  python3 - "${1:-$img}" <<'PY'
import os, random, sys
path = sys.argv[1]
size = os.path.getsize(path)
pieces = -(-size // 100 // 65536)
r = random.Random(7)
with open(path, "r+b") as f:
    for i in range(pieces):
        f.seek(i * (size // pieces) + 4097 + r.randrange(8192))
        f.write(os.urandom(65536))
print(pieces)
PY
}

# --- lifeboat vault and agent
vport="$(free_port)"
lb vault init --dir "$work/V" --listen "127.0.0.1:$vport" >/dev/null
"$here/lifeboat" vault serve --dir "$work/V" >"$work/vault.log" 2>&1 & pids+=($!)
vault_pid=$! # the launcher execs java for `vault serve`: this is the JVM
for _ in $(seq 1 300); do [ -s "$work/V/run/address" ] && break; sleep 0.2; done
token="$(lb vault enroll --dir "$work/V" --machine bench)"
lb agent enroll "$token" --dir "$work/A" >/dev/null
# The vault is a long-running service: in use, its JIT has long since compiled the paths a protect
# takes. A fresh one spends its first passes compiling (C2 made 231 compilations during a full pass
# that followed a warm-up on random data only), so another machine first protects a 256 MiB image
# of the same make but its own bytes (random half, its own text), changes 1% of it and protects it
# again. Nothing of the bench image is stored by that. The agent is timed from a cold start, as
# `agent protect --once` runs.
echo "bench: warming the vault with another machine's 256 MiB image, full and incremental" >&2
make_image "$work/warm.img" 256 warm-up-host
lb agent enroll "$(lb vault enroll --dir "$work/V" --machine warm-up)" --dir "$work/W" >/dev/null
lb agent protect --dir "$work/W" --once "$work/warm.img" >/dev/null
change_image "$work/warm.img" >/dev/null
lb agent protect --dir "$work/W" --once "$work/warm.img" >/dev/null
rm -f "$work/warm.img"
# prints: seconds, bytes sent, CPU seconds of the agent's JIT compiler threads (bench/jit_cpu.py),
# CPU seconds of the agent and the vault
protect() {
  local t0 t1 c0 v0 agent_pid jit_pid jit poller
  children_ticks; c0=$ticks; process_ticks "$vault_pid"; v0=$ticks
  t0="$(now)"
  lb agent protect --dir "$work/A" --once --json "$img" >"$work/protect.jsonl" & agent_pid=$!
  python3 "$here/bench/jit_cpu.py" "$agent_pid" >"$work/jit" & jit_pid=$!
  wait "$agent_pid"
  t1="$(now)"
  wait "$jit_pid"
  children_ticks; local agent=$(( ticks - c0 )); process_ticks "$vault_pid"; local vault=$(( ticks - v0 ))
  read -r jit poller <"$work/jit"
  echo "$(secs "$t0" "$t1")" \
    "$(grep '"event":"committed"' "$work/protect.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["bytesSent"])')" \
    "$jit" "$(python3 -c "print(f'{($agent + $vault) / $tck - $poller:.2f}')")"
}

# --- rsync daemon behind stunnel (server), reached through a stunnel client
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1 \
  -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
rport="$(free_port)"; sport="$(free_port)"; cport="$(free_port)"
mkdir -p "$work/rsync-dst"
cat >"$work/rsyncd.conf" <<CONF
port = $rport
address = 127.0.0.1
use chroot = no
uid = $(id -u)
gid = $(id -g)
pid file = $work/rsyncd.pid
[bench]
  path = $work/rsync-dst
  read only = false
CONF
rsync --daemon --no-detach --config="$work/rsyncd.conf" & pids+=($!)
rsyncd_pid=$!
cat >"$work/stunnel-server.conf" <<CONF
foreground = yes
pid =
[rsync]
accept = 127.0.0.1:$sport
connect = 127.0.0.1:$rport
cert = $work/tls.crt
key = $work/tls.key
sslVersionMin = TLSv1.2
CONF
cat >"$work/stunnel-client.conf" <<CONF
foreground = yes
pid =
[rsync]
client = yes
accept = 127.0.0.1:$cport
connect = 127.0.0.1:$sport
CAfile = $work/tls.crt
verifyPeer = yes
sslVersionMin = TLSv1.2
CONF
stunnel "$work/stunnel-server.conf" >/dev/null 2>&1 & pids+=($!)
stunnel_server_pid=$!
stunnel "$work/stunnel-client.conf" >/dev/null 2>&1 & pids+=($!)
stunnel_client_pid=$!
sleep 1
# the ticks of the rsync daemon (with the per-connection children it has reaped) and both stunnels
peer_ticks() {
  local sum=0 p
  for p in "$rsyncd_pid" "$stunnel_server_pid" "$stunnel_client_pid"; do process_ticks "$p"; sum=$(( sum + ticks )); done
  ticks=$sum
}
# prints: seconds, bytes sent, CPU seconds of the rsync client and daemon and both stunnels
rsync_copy() {
  local t0 t1 sent c0 p0
  children_ticks; c0=$ticks; peer_ticks; p0=$ticks
  t0="$(now)"
  sent="$(timeout 900 rsync --inplace --no-whole-file --stats "$img" "rsync://127.0.0.1:$cport/bench/disk.img" \
    | awk -F': ' '/^Total bytes sent/ {gsub(/[,.]/, "", $2); print $2}')"
  t1="$(now)"
  sleep 0.5 # the daemon reaps its connection's child
  children_ticks; local client=$(( ticks - c0 )); peer_ticks; local peers=$(( ticks - p0 ))
  echo "$(secs "$t0" "$t1") $sent $(cpu_secs $(( client + peers )))"
}

# --- raw TLS pipe: the same bytes through socat over TLS into /dev/null
pport="$(free_port)"
# prints: seconds, bytes, CPU seconds of both socat processes
raw_pipe() {
  local c0
  children_ticks; c0=$ticks
  socat -u "OPENSSL-LISTEN:$pport,reuseaddr,cert=$work/tls.crt,key=$work/tls.key,verify=0" OPEN:/dev/null & local srv=$!
  sleep 0.5
  local t0 t1
  t0="$(now)"
  timeout 900 socat -u "OPEN:$img" "OPENSSL:127.0.0.1:$pport,cafile=$work/tls.crt,commonname=127.0.0.1"
  wait "$srv" || true
  t1="$(now)"
  children_ticks
  echo "$(secs "$t0" "$t1") $(stat -c %s "$img") $(cpu_secs $(( ticks - c0 )))"
}

echo "bench: full copies" >&2
read -r lb_full_t lb_full_b lb_full_jit lb_full_c <<<"$(protect)"
read -r rs_full_t rs_full_b rs_full_c <<<"$(rsync_copy)"
read -r raw_t raw_b raw_c <<<"$(raw_pipe)"
# The full pass's work floor: what no implementation of the design can skip, at the fastest rate
# measured here. Both ends SHA-256 every block that is not zeros (the agent names blocks by it, the
# vault checks every block on receipt): the kernel's warm rate on one thread, counted twice. The
# bytes lifeboat sent go through TLS and loopback: at the raw pipe's CPU per byte. A cold agent is a
# fresh JVM: add the CPU its JIT compiler threads spent in this run (a floor not of the design but
# of running it on a JVM without ahead-of-time compilation).
echo "bench: the full pass's work floor (SHA-256 of the image's blocks, warm)" >&2
read -r _ hash_t hash_b < <(java --add-modules jdk.incubator.vector -cp "$jar" "$here/bench/RepositoryBench.java" hash "$img" 2>/dev/null | grep '^hash ')
pieces="$(change_image)"
echo "bench: changed $pieces scattered 64 KiB pieces (1%); incremental copies" >&2
read -r lb_inc_t lb_inc_b _ lb_inc_c <<<"$(protect)"
read -r rs_inc_t rs_inc_b rs_inc_c <<<"$(rsync_copy)"

# --- a running agent (`protect --interval`), as it runs as a service. Its first pass re-reads the
# unchanged image (and the JIT compiles). Then 1% changes again: its next pass is timed by the
# agent's own clock ("seconds" of the committed event), against rsync on the same change. Then the
# image is replaced (renamed over, so no pass sees half of it) by a new one of the same make with
# other bytes: the pass after that is a warm full pass, against rsync copying the new image.
running_agent() {
  local interval log="$work/running.jsonl" rs_run rs_new
  interval="$(python3 -c "print(int(max(45, 4 * $lb_inc_t)))")"
  # not through lb(): a function run in the background is a subshell, and a signal to it would not
  # reach the agent
  timeout 900 "$here/lifeboat" agent protect --dir "$work/A" --interval "${interval}s" --json "$img" >"$log" 2>/dev/null &
  local ap=$!
  committed() { [ "$(grep -c '"committed"' "$log")" -ge "$1" ]; }
  for _ in $(seq 1 $((interval * 10))); do committed 1 && break; sleep 0.1; done
  change_image >/dev/null
  for _ in $(seq 1 $((interval * 30))); do committed 2 && break; sleep 0.1; done
  rs_run="$(rsync_copy)"
  make_image "$work/next.img" "$size_mib" web-2
  mv -f "$work/next.img" "$img"
  for _ in $(seq 1 $((interval * 30))); do committed 3 && break; sleep 0.1; done
  kill "$ap" 2>/dev/null; wait "$ap" 2>/dev/null || true
  rs_new="$(rsync_copy)"
  grep '"committed"' "$log" | sed -n '2p;3p' | python3 -c '
import json, sys
e = [json.loads(l) for l in sys.stdin]
print(e[0]["seconds"], e[0]["bytesSent"], e[1]["seconds"], e[1]["bytesSent"])' | tr '\n' ' '
  echo "${rs_run% *} ${rs_new% *}" # without the CPU column
}
echo "bench: a running agent's next pass after another 1% change, then after a new image; rsync on each" >&2
read -r lb_run_t lb_run_b lb_new_t lb_new_b rs_run_t rs_run_b rs_new_t rs_new_b <<<"$(running_agent)"

python3 - "$size_mib" "$lb_full_t" "$lb_full_b" "$rs_full_t" "$rs_full_b" "$raw_t" "$raw_b" \
  "$lb_inc_t" "$lb_inc_b" "$rs_inc_t" "$rs_inc_b" "$lb_run_t" "$lb_run_b" "$rs_run_t" "$rs_run_b" \
  "$lb_new_t" "$lb_new_b" "$rs_new_t" "$rs_new_b" "$(nproc)" \
  "$lb_full_c" "$rs_full_c" "$raw_c" "$lb_inc_c" "$rs_inc_c" "$hash_t" "$hash_b" "$lb_full_jit" <<'PY'
import sys
a = sys.argv[1:]
mib = int(a[0]); size = mib << 20
lbf, lbfb, rsf, rsfb, raw, rawb, lbi, lbib, rsi, rsib, lbr, lbrb, rsr, rsrb, lbn, lbnb, rsn, rsnb = (float(x) for x in a[1:19])
lbfc, rsfc, rawc, lbic, rsic, hasht, hashb, jit = (float(x) for x in a[20:28])
cores = int(a[19])
print(f"replicate: {mib} MiB image (1/2 random, 1/4 text, 1/4 zeros), loopback, {a[19]} cores")
print(f"{'pass':<34}{'time s':>9}{'MB/s':>9}{'bytes on wire':>16}{'CPU s':>8}")
rows = [("lifeboat full protect", lbf, lbfb, lbfc), ("rsync over stunnel, full", rsf, rsfb, rsfc),
        ("raw TLS pipe (socat), full", raw, rawb, rawc), ("lifeboat incremental (1% changed)", lbi, lbib, lbic),
        ("rsync over stunnel, incremental", rsi, rsib, rsic),
        ("lifeboat running agent, next 1%", lbr, lbrb, None), ("rsync over stunnel, same change", rsr, rsrb, None),
        ("lifeboat running agent, new image", lbn, lbnb, None), ("rsync over stunnel, new image", rsn, rsnb, None)]
for name, t, b, c in rows:
    print(f"{name:<34}{t:>9.2f}{size / t / 1e6:>9.1f}{int(b):>16,}{'-' if c is None else f'{c:.1f}':>8}")
print("CPU s: both ends of the copy (lifeboat: agent and vault; rsync: client, daemon and both stunnels;"
      " the pipe: both socats); not measured for the running agent's passes")
tls = rawc * lbfb / rawb
floor = 2 * hasht + tls
print(f"full pass work floor, CPU s: SHA-256 of {int(hashb):,} bytes at both ends {2 * hasht:.1f}"
      f" ({hashb / hasht / 1e6:.0f} MB/s each, the kernel warm), TLS and loopback for lifeboat's bytes"
      f" {tls:.1f} (the raw pipe's CPU per byte): {floor:.1f}, {floor / cores:.1f} s on {cores} cores at best;"
      f" with the cold agent's JIT compiler threads ({jit:.1f} s) {floor + jit:.1f}, {(floor + jit) / cores:.1f} s;"
      f" lifeboat spent {lbfc:.1f} s of CPU in {lbf:.1f} s, rsync {rsfc:.1f} s in {rsf:.1f} s")
print(f"ratios: full time lifeboat/rsync {lbf / rsf:.2f}, lifeboat/raw pipe {lbf / raw:.2f};"
      f" incremental time lifeboat/rsync {lbi / rsi:.2f}, bytes lifeboat/rsync {lbib / rsib:.2f};"
      f" running agent time lifeboat/rsync {lbr / rsr:.2f}, bytes {lbrb / rsrb:.2f};"
      f" running agent, new image: time lifeboat/rsync on it {lbn / rsn:.2f} (rsync's delta search finds"
      f" nothing in new bytes), lifeboat/rsync's first full copy {lbn / rsf:.2f}, lifeboat/raw pipe {lbn / raw:.2f}")
PY
