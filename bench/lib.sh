# bench/lib.sh: what the replication benches share (replicate.sh, tree.sh, ingest.sh). Sourced, not run.
#
# Sets up a work folder that goes away on exit with every process started here, a vault on
# loopback, agents, an rsync daemon behind stunnel with a stunnel client in front of it (rsync over
# TLS), and the clocks: wall time, and CPU time read from /proc (clock ticks), so that each side of
# a copy can be charged its own work.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/lifeboat-cli/target/lifeboat.jar"

need_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 2; }
  done
  [ -f "$jar" ] || (cd "$here" && ./mvnw -B -q -DskipTests -pl lifeboat-cli -am package)
}
lb() { timeout 900 "$here/lifeboat" "$@"; }

work="$(mktemp -d /tmp/lifeboat-bench-XXXXXX)"
pids=()
cleanup() {
  # a process a bench paused (SIGSTOP) takes its SIGTERM once continued
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; kill -CONT "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_azurite: Azurite (installed in .cache by .ci/run) on a free loopback port, its data in the
# work folder; sets aport, azurite_pid and AZURE_STORAGE_CONNECTION_STRING (the emulator's
# documented development account and key).
start_azurite() {
  local bin="$here/.cache/azurite-3.37.0/node_modules/.bin/azurite-blob"
  [ -x "$bin" ] || { echo "bench: Azurite is not installed at $bin (.ci/run installs it)" >&2; exit 2; }
  aport="$(free_port)"
  "$bin" --blobHost 127.0.0.1 --blobPort "$aport" --location "$work/azurite" --silent >"$work/azurite.log" 2>&1 &
  azurite_pid=$!; pids+=($!)
  for _ in $(seq 1 300); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$aport),1)" 2>/dev/null && break; sleep 0.2; done
  azurite_key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
  export AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$azurite_key;BlobEndpoint=http://127.0.0.1:$aport/devstoreaccount1;"
}

# azurite_container NAME: makes a container in the Azurite that start_azurite started, with a request
# signed by Shared Key as the Azure REST API wants it.
azurite_container() {
  python3 - "$aport" "$azurite_key" "$1" <<'PY'
import base64, hashlib, hmac, sys, urllib.request
from email.utils import formatdate
port, key, name = sys.argv[1], sys.argv[2], sys.argv[3]
date, version = formatdate(usegmt=True), "2021-08-06"
canon = f"x-ms-date:{date}\nx-ms-version:{version}\n"
resource = f"/devstoreaccount1/devstoreaccount1/{name}\nrestype:container"
to_sign = "PUT\n\n\n\n\n\n\n\n\n\n\n\n" + canon + resource
sig = base64.b64encode(hmac.new(base64.b64decode(key), to_sign.encode(), hashlib.sha256).digest()).decode()
req = urllib.request.Request(f"http://127.0.0.1:{port}/devstoreaccount1/{name}?restype=container", method="PUT",
    headers={"x-ms-date": date, "x-ms-version": version, "Authorization": f"SharedKey devstoreaccount1:{sig}",
             "Content-Length": "0"})
urllib.request.urlopen(req).read()
PY
}
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2-$1:.2f}')"; }
# CPU time in clock ticks, set in $ticks (no command substitution: that would be another process).
# Of this shell's children that have ended and been waited for (utime+stime, cutime+cstime of
# /proc/$BASHPID/stat), or of a running process and its waited-for children.
tck="$(getconf CLK_TCK)"
children_ticks() { local -a f; read -r -a f <"/proc/$BASHPID/stat"; ticks=$(( f[15] + f[16] )); }
process_ticks() { local -a f; read -r -a f <"/proc/$1/stat"; ticks=$(( f[13] + f[14] + f[15] + f[16] )); }
cpu_secs() { python3 -c "print(f'{$1 / $tck:.2f}')"; }

# One line on the machine: what the figures depend on. Five builds may share this machine: the load
# average says how busy it was.
has_sha_ni() { grep -qw sha_ni /proc/cpuinfo; }
machine_line() {
  local model
  model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "machine: $(date -u '+%Y-%m-%d %H:%M UTC'), $model, $(nproc) cores, SHA extensions (sha_ni):" \
    "$(has_sha_ni && echo yes || echo no), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
# SHA-256 at openssl's best on 32 KiB inputs, in MB/s: the floor of any tool that hashes every byte.
sha256_floor_mbs() {
  openssl speed -evp sha256 -bytes 32768 -seconds 2 2>/dev/null \
    | awk '/^sha256/ {v=$NF; sub(/k$/, "", v); printf "%.0f\n", v * 1000 / 1e6}'
}

# A vault serving $work/V on a free loopback port; its JVM's pid in $vault_pid.
start_vault() {
  local vport
  vport="$(free_port)"
  lb vault init --dir "$work/V" --listen "127.0.0.1:$vport" >/dev/null
  "$here/lifeboat" vault serve --dir "$work/V" >"$work/vault.log" 2>&1 & pids+=($!)
  vault_pid=$! # the launcher execs java for `vault serve`: this is the JVM
  for _ in $(seq 1 300); do [ -s "$work/V/run/address" ] && break; sleep 0.2; done
}
# enroll_agent MACHINE DIR: an agent folder enrolled with the vault as MACHINE.
enroll_agent() { lb agent enroll "$(lb vault enroll --dir "$work/V" --machine "$1")" --dir "$2" >/dev/null; }
# variant_args FORM ARGS...: the arguments of a bench that alternates builds, SIZE_MIB ROUNDS VARIANT...;
# sets size_mib, rounds and the array variants, or prints the usage (FORM: what one variant looks like)
# and exits. The caller then does `set -- "${variants[@]}"` if it loops over "$@".
variant_args() {
  local form="$1"
  shift
  if [ "$#" -lt 3 ]; then
    echo "usage: bench/$(basename "$0") SIZE_MIB ROUNDS '$form'..." >&2
    exit 2
  fi
  size_mib="$1"
  rounds="$2"
  variants=("${@:3}")
}
# warm_vault_with_image SIZE_MIB HOST: a random image of SIZE_MIB at $img ($work/disk.img), a vault
# serving, and its JIT warmed by one full pass of the image from a machine of its own ($work/W), as a
# running vault's is: the set-up of the benches that time an agent's passes against a warm vault.
# vault_holding_image PATH: a 1 GiB random image at PATH (host web-1), a vault started, and machine
# "bench" (agent folder $work/A) enrolled and protected once: the set-up of the failover benches.
vault_holding_image() {
  make_image "$1" 1024 web-1 random
  start_vault
  enroll_agent bench "$work/A"
  lb agent protect --dir "$work/A" --once "$1" >/dev/null
}
warm_vault_with_image() {
  img="$work/disk.img"
  make_image "$img" "$1" "$2" random
  start_vault
  enroll_agent warm-up "$work/W"
  lb agent protect --dir "$work/W" --once "$img" >/dev/null
}

# evict_from_cache FILE: takes FILE's pages out of the page cache (posix_fadvise DONTNEED, after
# writing them back), so that the next read of it comes from the disk, as a first pass over a disk
# image that is not in use does. Only that file: no root needed, nobody else's cache dropped.
evict_from_cache() {
  python3 - "$1" <<'PY'
import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
os.fsync(fd)
os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
os.close(fd)
PY
}

make_image() { # PATH MIB HOST [MAKE]: random (default), or mixed (1/2 random, 1/4 text naming HOST, 1/4 zeros)
  python3 - "$1" "$2" "$3" "${4:-random}" <<'PY'
import os, sys
path, mib, host, make = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode(), sys.argv[4]
line = b"2026-11-28T12:00:00Z " + host + b" GET /orders/12345 200 17ms user=alice session=3f9a\n"
text = (line * ((1 << 20) // len(line) + 1))[: 1 << 20]
with open(path, "wb") as f:
    if make == "random":
        for _ in range(mib):
            f.write(os.urandom(1 << 20))
    else:
        for _ in range(mib // 2):
            f.write(os.urandom(1 << 20))
        for i in range(mib // 4):
            f.write(text[i % 64:] + text[: i % 64])
        f.truncate(mib << 20)
PY
}
# make_tree DIR FILES SIZE_MB: a copy of this machine's own files, as bench/tree.sh makes it:
# /usr/share first, in name order, then files of 64 KiB to 8 MiB from /usr/lib until the tree holds
# SIZE_MB (links and modes kept, through tar).
make_tree() {
  python3 - "$2" "$3" >"$1.list" <<'PY'
import os, sys
files, size = int(sys.argv[1]), int(sys.argv[2]) * 1000 * 1000
count = total = 0
def walk(root, min_size):
    global count, total
    for d, dirs, names in os.walk(root):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(d, n)
            try:
                st = os.lstat(p)
            except OSError:
                continue
            if os.path.islink(p) or (os.path.isfile(p) and os.access(p, os.R_OK) and st.st_size >= min_size
                                     and (min_size == 0 or st.st_size <= 8 << 20)):
                print(p[1:])
                count += 1
                total += 0 if os.path.islink(p) else st.st_size
                if (min_size == 0 and count >= files) or total >= size:
                    return
walk("/usr/share", 0)
if total < size:
    walk("/usr/lib", 64 << 10)
print(f"bench: tree of {count} files and links, {total / 1e6:.0f} MB", file=sys.stderr)
PY
  mkdir -p "$1"
  tar -C / --no-recursion -cf - -T "$1.list" 2>/dev/null | tar -C "$1" -xf -
}
change_image() { # PATH: 1% of it rewritten in scattered, unaligned 64 KiB pieces; prints how many
  python3 - "$1" <<'PY'
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

# protect_once AGENT_DIR SOURCE: a cold `agent protect --once`. Prints: seconds, bytes sent, CPU
# seconds of the agent's JIT compiler threads (bench/jit_cpu.py), agent CPU seconds, vault CPU
# seconds, the pass's own seconds as the agent timed it (after its start-up), and the CPU seconds
# the vault's JIT compiler threads spent during the pass (part of the vault's CPU seconds).
# change_tree ROOT SEED: 1% of ROOT's non-empty regular files changed (every other one appended to,
# the rest overwritten in 64 random bytes at a random place), chosen by SEED; prints how many.
change_tree() {
  python3 - "$1" "$2" <<'PY'
import os, random, sys
root, seed = sys.argv[1], int(sys.argv[2])
paths = []
for d, dirs, names in os.walk(root):
    dirs.sort()
    for n in sorted(names):
        p = os.path.join(d, n)
        if os.path.isfile(p) and not os.path.islink(p) and os.path.getsize(p) > 0:
            paths.append(p)
r = random.Random(seed)
pick = r.sample(paths, max(1, len(paths) // 100))
for i, p in enumerate(pick):
    os.chmod(p, os.stat(p).st_mode | 0o200)
    with open(p, "r+b") as f:
        if i % 2:
            f.seek(0, 2)
            f.write(b"changed by bench/tree.sh %d\n" % i)
        else:
            size = os.path.getsize(p)
            f.seek(r.randrange(size))
            f.write(os.urandom(min(64, size)))
print(len(pick))
PY
}

protect_once() {
  local t0 t1 c0 v0 agent_pid jit_pid vjit_pid jit poller vjit vpoller
  rm -f "$work/pass-done"
  python3 "$here/bench/jit_cpu.py" "$vault_pid" "$work/pass-done" >"$work/vault-jit" & vjit_pid=$!
  children_ticks; c0=$ticks; process_ticks "$vault_pid"; v0=$ticks
  t0="$(now)"
  lb agent protect --dir "$1" --once --json "$2" >"$work/protect.jsonl" & agent_pid=$!
  python3 "$here/bench/jit_cpu.py" "$agent_pid" >"$work/jit" & jit_pid=$!
  wait "$agent_pid"
  t1="$(now)"
  touch "$work/pass-done"
  wait "$jit_pid" "$vjit_pid"
  children_ticks; local agent=$(( ticks - c0 )); process_ticks "$vault_pid"; local vault=$(( ticks - v0 ))
  read -r jit poller <"$work/jit"
  read -r vjit vpoller <"$work/vault-jit"
  await_class_archive_dumps # a first run's dump, which the launcher no longer waits for, ends here as before
  echo "$(secs "$t0" "$t1")" \
    "$(grep '"event":"committed"' "$work/protect.jsonl" | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["bytesSent"])')" \
    "$jit" "$(python3 -c "print(f'{$agent / $tck - $poller - $vpoller:.2f}')")" "$(cpu_secs "$vault")" \
    "$(grep '"event":"committed"' "$work/protect.jsonl" | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["seconds"])')" \
    "$vjit"
}

# --- rsync daemon behind stunnel (server), reached through a stunnel client: rsync over TLS 1.2+.
# start_rsync_tls: the module "bench" is $work/rsync-dst; rsync://127.0.0.1:$cport/bench/ reaches it.
start_rsync_tls() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1 \
    -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
  local rport sport
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
}
# the ticks of the rsync daemon (with the per-connection children it has reaped) and both stunnels
peer_ticks() {
  local sum=0 p
  for p in "$rsyncd_pid" "$stunnel_server_pid" "$stunnel_client_pid"; do process_ticks "$p"; sum=$(( sum + ticks )); done
  ticks=$sum
}
# rsync_copy SOURCE DEST [RSYNC OPTIONS...]: DEST is a path under the module. Prints: seconds, bytes
# sent, CPU seconds of the rsync client, the daemon and both stunnels.
rsync_copy() {
  local src="$1" dst="$2" t0 t1 sent c0 p0
  shift 2
  children_ticks; c0=$ticks; peer_ticks; p0=$ticks
  t0="$(now)"
  sent="$(timeout 900 rsync --stats "$@" "$src" "rsync://127.0.0.1:$cport/bench/$dst" \
    | awk -F': ' '/^Total bytes sent/ {gsub(/[,.]/, "", $2); print $2}')"
  t1="$(now)"
  sleep 0.5 # the daemon reaps its connection's child
  children_ticks; local client=$(( ticks - c0 )); peer_ticks; local peers=$(( ticks - p0 ))
  echo "$(secs "$t0" "$t1") $sent $(cpu_secs $(( client + peers )))"
}
# archive_line LAUNCHER: the class-data archive LAUNCHER's build maps for `agent protect`, its size and
# when it was made. The launcher makes it after the command's first run since the jar was built, from
# the classes that run loaded, and keeps it until the next build: one made by another workload's run
# or by a run that stopped at once leaves every later pass loading most of its classes out of the jar
# (0.3-0.6 CPU s more of a tree's 1% pass), so builds alternated should show archives of the same kind
# of run (docs/performance.md, "A one-shot pass's vault client set up before picocli parses").
archive_line() {
  local a
  a="$(dirname "$1")/lifeboat-cli/target/lifeboat-agent-protect.jsa"
  if [ -f "$a" ]; then
    echo "class archive of $1: $(( $(stat -c %s "$a") / 1048576 )) MB, made $(date -u -r "$a" +%H:%M:%S) UTC"
  else
    echo "class archive of $1: none"
  fi
}

# await_class_archive_dumps [LAUNCHER]: waits (at most two minutes) until no class-data archive dump
# of LAUNCHER's build (default: this worktree's) is under way: since session 22 a command's first
# run after a build returns before its archive is dumped, by a process of its own at low priority
# (launch.sh's dump_class_archive_detached), which would otherwise run beside what a bench times next.
# A dump under way has its temporary files beside the archives (lifeboat-KEY.jsa.PID...).
await_class_archive_dumps() {
  local target
  target="$(dirname "${1:-$here/lifeboat}")/lifeboat-cli/target"
  for _ in $(seq 1 1200); do
    compgen -G "$target/lifeboat-*.jsa.[0-9]*" >/dev/null || return 0
    sleep 0.1
  done
  echo "bench: a class archive dump still under way in $target after two minutes" >&2
}
