#!/usr/bin/env bash
# bench/replicate.sh: replication of one disk image, in one run, against the references of issue 14.
#
#   1. the durable write of the same bytes (`dd if=img of=copy bs=1M conv=fdatasync`): the disk's
#      floor for a first copy and for a failover
#   2. lifeboat: first full `agent protect --once` of the image (cold agent, vault and agent on
#      loopback, mutual TLS), the incremental pass after 1% of it changed in scattered, unaligned
#      64 KiB pieces, a rescan with nothing changed (the image's stamp is unchanged: the agent does
#      not open it, and commits the last point's blocks again), and a read rescan: the image
#      `touch`ed (content unchanged, stamp changed), so every block is read and fingerprinted again
#   3. rsync through a TLS tunnel (stunnel client -> stunnel server -> rsync daemon), the same full
#      and incremental copies
#   4. a raw TLS pipe of the same bytes (socat OPENSSL -> socat OPENSSL-LISTEN -> /dev/null): the
#      transport ceiling
#   5. `lifeboat failover` of the image's last point to a new file (every block checked, fsync)
#   6. the full pass's work floor: SHA-256 of the image's non-zero blocks at both ends (the vault's
#      hashing, warm, timed alone), plus TLS and loopback for the bytes lifeboat sent at the raw
#      pipe's CPU per byte, plus the CPU of the cold agent's JIT compiler threads
#   7. with RUNNING=1, an agent left running (`protect --interval`, as a service runs): its pass
#      after another 1% change and after the image is replaced by a new one (a warm full pass),
#      timed by the agent, each against rsync on the same data (adds a minute or two), and the CPU
#      of the running agent's full pass of the new image (aim 2 for an agent as it is deployed)
#
# It prints whether the CPU has SHA extensions (and, when it has not, openssl's SHA-256 rate on
# 32 KiB inputs: the floor of anything that hashes every byte), each side's CPU seconds per GiB
# of image for the full pass, and the issue's aims 1, 2, 3 and 6 against this run.
#
# Bytes on the wire are application bytes sent to the far side: lifeboat's recorded `bytesSent`
# (request bodies: id queries, block batches, the manifest and the commit), rsync's "Total bytes
# sent", and the image size for the raw pipe; TLS record and HTTP framing add well under 1% to
# each. CPU seconds are user+system time read from /proc: lifeboat's agent and vault apart, rsync's
# client, daemon and both stunnels together, both socats together. Times include each tool's
# start-up (a JVM for lifeboat; the "pass" column is the agent's own clock, after its start-up).
# Everything reads the image from the page cache; DROP_CACHES=1 (root) drops the caches before the
# durable write and before the failover instead, as a restore after a reboot would find them.
# COLD_CACHE=1 (no root needed) takes only the image out of the cache before each full copy.
#
# Usage: bench/replicate.sh [SIZE_MIB]   (default 1024)
#   IMAGE=random (default: the issue's image) or IMAGE=mixed (1/2 random, 1/4 text, 1/4 zeros: the
#   make of the runs recorded before 2026-12-06)
#   VAULT_WARM_UP_MIB=N (default 256): the size of the other machine's image that warms the vault
# Needs: java 17, rsync, stunnel4, socat, openssl, python3. Not part of `mvn verify`. Stops by itself.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
size_mib="${1:-1024}"
make="${IMAGE:-random}"
need_tools rsync stunnel socat openssl python3 java dd
machine_line
floor_mbs=""
has_sha_ni || floor_mbs="$(sha256_floor_mbs)"
drop_caches() {
  if [ "${DROP_CACHES:-0}" = 1 ]; then sync; echo 3 >/proc/sys/vm/drop_caches; fi
}
# COLD_CACHE=1: the image is taken out of the page cache before each full copy (lifeboat, rsync, the
# raw pipe), as a first copy of a disk not in use finds it (bench/lib.sh evict_from_cache).
cold_image() {
  if [ "${COLD_CACHE:-0}" = 1 ]; then evict_from_cache "$img"; fi
}

img="$work/disk.img"
echo "bench: building a ${size_mib} MiB image ($make) in $work" >&2
make_image "$img" "$size_mib" web-1 "$make"

# --- the durable write of the same bytes
drop_caches
t0="$(now)"
dd if="$img" of="$work/copy.img" bs=1M conv=fdatasync status=none
dd_t="$(secs "$t0" "$(now)")"
rm -f "$work/copy.img"

# --- lifeboat vault and agent
start_vault
enroll_agent bench "$work/A"
# The vault is a long-running service: in use, its JIT has long since compiled the paths a protect
# takes. A fresh one spends its first passes compiling, so another machine first protects an image
# of the same make but its own bytes (VAULT_WARM_UP_MIB, 256 MiB), changes 1% of it and protects it
# again. Nothing of the bench image is stored by that. The agent is timed from a cold start, as
# `agent protect --once` runs. That warm-up does not take the vault past its JIT: netty's and
# Vert.x's receive path (the socket's read, TLS unwrap, the HTTP decoder) reaches C2 only as its
# counters cross C2's thresholds, later on a loaded machine, and is compiled again after traps at an
# agent's disconnect; after 256 MiB its compiler threads still spent 1.1-1.7 CPU s in the timed
# 1 GiB pass, after 1 GiB 0.8-0.9, after 1.3-2.3 GiB 0.2-0.5 (docs/performance.md, "The vault's CPU in
# replicate.sh (issue 14, session 19)"). So the vault's CPU is also printed by kind of thread.
warm_mib="${VAULT_WARM_UP_MIB:-256}"
echo "bench: warming the vault with another machine's $warm_mib MiB image, full and incremental" >&2
make_image "$work/warm.img" "$warm_mib" warm-up-host "$make"
enroll_agent warm-up "$work/W"
lb agent protect --dir "$work/W" --once "$work/warm.img" >/dev/null
change_image "$work/warm.img" >/dev/null
lb agent protect --dir "$work/W" --once "$work/warm.img" >/dev/null
rm -f "$work/warm.img"

start_rsync_tls

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
cold_image
python3 "$here/bench/thread_snap.py" "$vault_pid" >"$work/vault-threads"
read -r lb_full_t lb_full_b lb_full_jit lb_full_ac lb_full_vc lb_full_p lb_full_vjit <<<"$(protect_once "$work/A" "$img")"
# the vault's CPU in the full pass by kind of thread: "worker W, event loop E, JIT J, other O" (s)
vault_kinds="$(python3 "$here/bench/thread_snap.py" "$vault_pid" --since "$work/vault-threads" | awk '
  / in all / { next }
  /CompilerThre/ { j += $1; next }
  $2 ~ /^vert\.x-worker/ { w += $1; next }
  $2 ~ /eventloo/ { e += $1; next }
  { o += $1 }
  END { printf "worker %.2f, event loop %.2f, JIT %.2f, other %.2f", w, e, j, o }')"
cold_image
read -r rs_full_t rs_full_b rs_full_c <<<"$(rsync_copy "$img" disk.img --inplace --no-whole-file)"
cold_image
read -r raw_t raw_b raw_c <<<"$(raw_pipe)"
# The full pass's work floor: both ends SHA-256 every block that is not zeros (the agent names blocks
# by it, the vault checks every block on receipt): the vault's hashing, warm, on one thread, counted
# twice. The bytes lifeboat sent go through TLS and loopback: at the raw pipe's CPU per byte. A cold
# agent is a fresh JVM: add the CPU its JIT compiler threads spent in this run.
echo "bench: the full pass's work floor (SHA-256 of the image's blocks, warm)" >&2
read -r _ hash_t hash_b < <(java --add-modules jdk.incubator.vector -cp "$jar" "$here/bench/RepositoryBench.java" hash "$img" 2>/dev/null | grep '^hash ')
pieces="$(change_image "$img")"
echo "bench: changed $pieces scattered 64 KiB pieces (1%); incremental copies, then a rescan with nothing changed" >&2
# the agent trusts an image's stamp only when it was settled a second before the pass that took it
# (FileStamp.settledBefore): wait that out, so that the rescan below finds the incremental pass's stamp
sleep 1.5
read -r lb_inc_t lb_inc_b _ lb_inc_ac lb_inc_vc lb_inc_p _ <<<"$(protect_once "$work/A" "$img")"
read -r rs_inc_t rs_inc_b rs_inc_c <<<"$(rsync_copy "$img" disk.img --inplace --no-whole-file)"
read -r lb_re_t lb_re_b _ lb_re_ac lb_re_vc lb_re_p _ <<<"$(protect_once "$work/A" "$img")"
grep -q '"keptByStamp":true' "$work/protect.jsonl" \
  || echo "bench: the unchanged rescan read the image (its stamp was not kept: see the agent's notices)" >&2
# the read rescan: the same bytes under a new stamp, so the agent reads and fingerprints every block
# (nothing to hash or send: every block matches its record)
touch "$img"
read -r lb_rr_t lb_rr_b _ lb_rr_ac lb_rr_vc lb_rr_p _ <<<"$(protect_once "$work/A" "$img")"

echo "bench: failover of the image's last point" >&2
# the failover's class archive: absent on its first run after a build, which lists its classes and
# (since session 22) has its archive dumped after it has ended, in the background
fo_archive="$here/lifeboat-cli/target/lifeboat-failover.jsa"
fo_first=no
[ -s "$fo_archive" ] && [ "$fo_archive" -nt "$jar" ] || fo_first=yes
await_class_archive_dumps # none of the set-up's dumps beside the failover
drop_caches
children_ticks; c0=$ticks
t0="$(now)"
lb failover --dir "$work/V" --machine bench --to "$work/restored.img" >/dev/null 2>&1
t1="$(now)"
fo_t="$(secs "$t0" "$t1")"
children_ticks; fo_c="$(cpu_secs $(( ticks - c0 )))"
if [ "$fo_first" = yes ]; then
  await_class_archive_dumps
  echo "bench: the failover was its first run after this build (${fo_t} s, class list written); its" \
    "archive was there $(secs "$t1" "$(now)") s after it ended (load $(cut -d' ' -f1 /proc/loadavg))" >&2
fi
cmp -s "$img" "$work/restored.img" || { echo "bench: the failed-over image differs from the source" >&2; exit 1; }
rm -f "$work/restored.img"

lb_run_t=0 lb_run_b=0 lb_new_t=0 lb_new_b=0 rs_run_t=0 rs_run_b=0 rs_new_t=0 rs_new_b=0 lb_new_c=0
if [ "${RUNNING:-0}" = 1 ]; then
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
    change_image "$img" >/dev/null
    for _ in $(seq 1 $((interval * 30))); do committed 2 && break; sleep 0.1; done
    rs_run="$(rsync_copy "$img" disk.img --inplace --no-whole-file)"
    # the JVM (timeout's child: the launcher execs java once its class-data archive exists), whose CPU
    # from here to the next commit is the warm full pass's (making the new image is another process)
    local jvm c_before
    jvm="$(pgrep -P "$ap" java || true)"
    [ -n "$jvm" ] && process_ticks "$jvm" && c_before=$ticks
    make_image "$work/next.img" "$size_mib" web-2 "$make"
    mv -f "$work/next.img" "$img"
    for _ in $(seq 1 $((interval * 30))); do committed 3 && break; sleep 0.1; done
    local new_cpu=0
    [ -n "$jvm" ] && process_ticks "$jvm" && new_cpu="$(cpu_secs $(( ticks - c_before )))"
    kill "$ap" 2>/dev/null; wait "$ap" 2>/dev/null || true
    rs_new="$(rsync_copy "$img" disk.img --inplace --no-whole-file)"
    grep '"committed"' "$log" | sed -n '2p;3p' | python3 -c '
import json, sys
e = [json.loads(l) for l in sys.stdin]
print(e[0]["seconds"], e[0]["bytesSent"], e[1]["seconds"], e[1]["bytesSent"])' | tr '\n' ' '
    echo "${rs_run% *} ${rs_new% *} $new_cpu" # rsync without its CPU column
  }
  echo "bench: a running agent's next pass after another 1% change, then after a new image; rsync on each" >&2
  read -r lb_run_t lb_run_b lb_new_t lb_new_b rs_run_t rs_run_b rs_new_t rs_new_b lb_new_c <<<"$(running_agent)"
fi

python3 - "$size_mib" "$make" "$(nproc)" "${floor_mbs:-0}" "$dd_t" \
  "$lb_full_t" "$lb_full_b" "$lb_full_jit" "$lb_full_ac" "$lb_full_vc" "$lb_full_p" \
  "$rs_full_t" "$rs_full_b" "$rs_full_c" "$raw_t" "$raw_b" "$raw_c" \
  "$lb_inc_t" "$lb_inc_b" "$lb_inc_ac" "$lb_inc_vc" "$lb_inc_p" "$rs_inc_t" "$rs_inc_b" "$rs_inc_c" \
  "$lb_re_t" "$lb_re_b" "$lb_re_ac" "$lb_re_vc" "$lb_re_p" "$fo_t" "$fo_c" "$hash_t" "$hash_b" \
  "$lb_run_t" "$lb_run_b" "$lb_new_t" "$lb_new_b" "$rs_run_t" "$rs_run_b" "$rs_new_t" "$rs_new_b" "$lb_new_c" \
  "$lb_full_vjit" "$lb_rr_t" "$lb_rr_b" "$lb_rr_ac" "$lb_rr_vc" "$lb_rr_p" "$warm_mib" "$vault_kinds" <<'PY'
import sys
a = sys.argv[1:]
mib, make, cores = int(a[0]), a[1], int(a[2])
floor_mbs, dd = float(a[3]), float(a[4])
(lbf, lbfb, jit, lbfa, lbfv, lbfp, rsf, rsfb, rsfc, raw, rawb, rawc, lbi, lbib, lbia, lbiv, lbip, rsi, rsib, rsic,
 lbr, lbrb, lbra, lbrv, lbrp, fo, foc, hasht, hashb, lbn1, lbn1b, lbnn, lbnnb, rsn1, rsn1b, rsnn, rsnnb, lbnnc, vjit,
 lbrr, lbrrb, lbrra, lbrrv, lbrrp) = (float(x) for x in a[5:49])
size = mib << 20
gib = size / (1 << 30)
print(f"replicate: {mib} MiB image ({make}), loopback, TLS, {cores} cores")
print(f"{'pass':<40}{'time s':>8}{'MB/s':>8}{'bytes on wire':>16}{'CPU s':>16}")
def row(name, t, b=None, c=""):
    print(f"{name:<40}{t:>8.2f}{size / t / 1e6:>8.1f}{'' if b is None else f'{int(b):,}':>16}{c:>16}")
row("durable write (dd conv=fdatasync)", dd)
row("lifeboat full protect", lbf, lbfb, f"{lbfa:.1f} + {lbfv:.1f}")
row("rsync over stunnel, full", rsf, rsfb, f"{rsfc:.1f}")
row("raw TLS pipe (socat), full", raw, rawb, f"{rawc:.1f}")
row("lifeboat incremental (1% changed)", lbi, lbib, f"{lbia:.1f} + {lbiv:.1f}")
row("rsync over stunnel, incremental", rsi, rsib, f"{rsic:.1f}")
row("lifeboat rescan, unchanged (by stamp)", lbr, lbrb, f"{lbra:.1f} + {lbrv:.1f}")
row("lifeboat read rescan (image touched)", lbrr, lbrrb, f"{lbrra:.1f} + {lbrrv:.1f}")
row("lifeboat failover (checked, fsync)", fo, None, f"{foc:.1f}")
if lbn1:
    row("lifeboat running agent, next 1%", lbn1, lbn1b)
    row("rsync over stunnel, same change", rsn1, rsn1b)
    row("lifeboat running agent, new image", lbnn, lbnnb)
    row("rsync over stunnel, new image", rsnn, rsnnb)
print("CPU s: lifeboat agent + vault; rsync client, daemon and both stunnels; both socats; the failover process."
      f" The agent's pass after its start-up: full {lbfp:.2f} s, incremental {lbip:.2f} s, rescan {lbrp:.2f} s"
      f" (unchanged: not read, kept by its stamp), read rescan {lbrrp:.2f} s (touched: every block read and fingerprinted).")
if floor_mbs:
    print(f"no SHA extensions: SHA-256 floor (openssl, 32 KiB inputs) {floor_mbs:.0f} MB/s, {size / floor_mbs / 1e6:.2f} s"
          f" for the image; max(floor, durable write) {max(size / floor_mbs / 1e6, dd):.2f} s")
else:
    print("SHA extensions: yes (the SHA-256 floor is far below the durable write)")
tls = rawc * lbfb / rawb
floor = 2 * hasht + tls
print(f"full pass work floor, CPU s: SHA-256 of {int(hashb):,} bytes at both ends {2 * hasht:.1f}"
      f" ({hashb / hasht / 1e6:.0f} MB/s each), TLS and loopback for lifeboat's bytes {tls:.1f}: {floor:.1f},"
      f" {floor / cores:.1f} s on {cores} cores at best; with the cold agent's JIT compiler threads ({jit:.1f} s)"
      f" {floor + jit:.1f}, {(floor + jit) / cores:.1f} s")
print(f"CPU per GiB of image, full pass: agent {lbfa / gib:.2f} s (JIT {jit / gib:.2f} s of it),"
      f" vault {lbfv / gib:.2f} s (JIT {vjit / gib:.2f} s of it, after its warm-up);"
      f" rsync's four processes {rsfc / gib:.2f} s")
print(f"the vault's CPU in the full pass by kind of thread, CPU s: {a[50]}"
      f" (after a warm-up of {a[49]} MiB from another machine)")

def aim(n, text, value, limit, unit="x"):
    verdict = "holds" if value <= limit else f"misses by {value / limit:.2f}x"
    print(f"aim {n}: {text}: {value:.2f}{unit} (at most {limit}{unit}): {verdict}")
reference = max(dd, size / floor_mbs / 1e6) if floor_mbs else dd
aim(1, "full pass / " + ("max(SHA-256 floor, durable write)" if floor_mbs else "durable write"), lbf / reference, 1.3)
aim(1, "full pass / rsync over TLS", lbf / rsf, 1.3)
aim(2, "vault CPU per GiB ingested", lbfv / gib, 2.0, " s")
print(f"aim 2: the same without the vault's JIT compiler threads (a long-running vault pays its JIT once):"
      f" {(lbfv - vjit) / gib:.2f} s")
aim(2, "agent CPU per GiB read", lbfa / gib, 2.0, " s")
aim(3, "incremental / rsync", lbi / rsi, 0.5)
print(f"aim 3: incremental bytes / rsync's: {lbib / rsib:.2f} ({'fewer' if lbib < rsib else 'not fewer'})")
aim(3, "rescan of the unchanged image (kept by its stamp, not read), the agent's pass after start", lbrp, 0.5, " s")
aim(3, "read rescan of the touched image (every block read and fingerprinted), the agent's pass after start", lbrrp,
    0.5, " s")
aim(6, "failover / durable write", fo / dd, 1.3)
if lbn1:
    print(f"running agent: next 1% {lbn1 / rsn1:.2f}x rsync's time, {lbn1b / rsn1b:.2f}x its bytes;"
          f" new image {lbnn / rsnn:.2f}x rsync on it, {lbnn / rsf:.2f}x rsync's first full copy")
if lbnnc:
    aim(2, "agent CPU per GiB read, a running agent's full pass of a new image (its JIT paid before)",
        lbnnc / gib, 2.0, " s")
PY
machine_line
