#!/usr/bin/env bash
# bench/azurite.sh: the vault's store on Azure Blob Storage (Azurite, the emulator) beside its own
# local folder, in one run on one image (issue 19; `bench/ingest.sh --store azurite` once that exists).
#
#   1. a full pass (`agent protect --once` of a fresh image) into a vault whose repository is the
#      local folder VAULT/repo/, then into a vault on an Azurite container: the pass time, MiB/s, and
#      the vault's CPU seconds per GiB of the image (user+system of the `vault serve` JVM; Azurite's
#      own CPU, a Node.js process standing in for the Azure service, is reported apart)
#   2. failover of that point from each store to a fresh file: the time to get the machine back
#   3. node failover: a second `vault serve` on the same container (`vault join` with the first's
#      vault key), the first killed
#      with SIGKILL a third into a pass of a second image, the agent (which knows both nodes) finishing
#      through the second: the pass time against the same pass with no kill
#
# Usage: bench/azurite.sh [SIZE_MIB]     (default 512; the image is 3/4 random, 1/4 zeros)
# Needs: java 17, python3, node and Azurite 3.37.0 in .cache/azurite-3.37.0 (.ci/run installs it).
# Not part of `mvn verify`. Stops by itself; Azurite binds 127.0.0.1 only.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
size_mib="${1:-512}"
need_tools python3 java node
make_store_image() { # PATH MIB SEED: 3/4 random, 1/4 zeros
  python3 - "$1" "$2" "$3" <<'PY'
import random, sys
path, mib, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
r = random.Random(seed)
with open(path, "wb") as f:
    for i in range(mib):
        f.write(r.randbytes(1 << 20) if i % 4 != 3 else bytes(1 << 20))
PY
}

start_azurite
azurite_container bench

img="$work/disk.img"
echo "bench: ${size_mib} MiB image (3/4 random, 1/4 zeros), Azurite on 127.0.0.1:$aport, in $work" >&2
make_store_image "$img" "$size_mib" 1

serve() { # VAULT: starts `vault serve`, sets $vault_pid once it listens
  "$here/lifeboat" vault serve --dir "$1" >"$1.log" 2>&1 & vault_pid=$!; pids+=($!)
  for _ in $(seq 1 300); do [ -s "$1/run/address" ] && break; sleep 0.2; done
}

results=()
run_store() { # NAME [INIT OPTIONS...]: a vault on that store, one full pass, one failover
  local name="$1"; shift
  local v="$work/V-$name" a="$work/A-$name" port; port="$(free_port)"
  lb vault init --dir "$v" --listen "127.0.0.1:$port" "$@" >/dev/null
  serve "$v"
  lb agent enroll "$(lb vault enroll --dir "$v" --machine bench)" --dir "$a" >/dev/null
  process_ticks "$vault_pid"; local v0=$ticks
  local t0; t0="$(now)"
  lb agent protect --dir "$a" --once --json "$img" >"$work/$name.jsonl"
  local t1; t1="$(now)"
  process_ticks "$vault_pid"; local vcpu=$(( ticks - v0 ))
  local f0; f0="$(now)"
  lb failover --dir "$v" --machine bench --to "$work/$name.restored" >/dev/null 2>&1
  local f1; f1="$(now)"
  cmp -s "$img" "$work/$name.restored" || { echo "bench: $name failover differs from the image" >&2; exit 1; }
  rm -f "$work/$name.restored"
  results+=("$(python3 -c "
mib=$size_mib; p=$t1-$t0; f=$f1-$f0; cpu=$vcpu/$tck
print(f'{\"$name\":<8} pass {p:7.2f} s  {mib/p:7.1f} MiB/s  vault CPU {cpu/(mib/1024):6.1f} s/GiB   failover {f:6.2f} s  {mib/f:7.1f} MiB/s')")")
  kill -9 "$vault_pid"
}

run_store local
process_ticks "$azurite_pid"; az0=$ticks
run_store azurite --store azure-blob://bench/site
process_ticks "$azurite_pid"; az_cpu=$(( ticks - az0 ))

# node failover: two nodes on one container, the first killed a third into the pass
v1="$work/N1"; v2="$work/N2"; a="$work/A-nodes"; p1="$(free_port)"; p2="$(free_port)"
lb vault init --dir "$v1" --listen "127.0.0.1:$p1" --store azure-blob://bench/nodes >/dev/null
serve "$v1"; n1=$vault_pid
lb vault join --dir "$v2" --store azure-blob://bench/nodes --key-file "$v1/vault.key" --listen "127.0.0.1:$p2" \
    --host 127.0.0.1 >/dev/null
serve "$v2"
# enrolled once both nodes announce themselves: the enrolment answer gives the agent both addresses
lb agent enroll "$(lb vault enroll --dir "$v1" --machine bench)" --dir "$a" >/dev/null
make_store_image "$work/second.img" "$size_mib" 2
lb agent protect --dir "$a" --once "$img" >/dev/null # a first point, so the timed passes are alike
t0="$(now)"
lb agent protect --dir "$a" --once --json "$work/second.img" >"$work/nodes.jsonl" & agent=$!
pass_azurite="$(python3 -c "import re; print(re.search(r'pass +([0-9.]+)', '''${results[1]}''').group(1))")"
sleep "$(python3 -c "print($pass_azurite / 3)")"
kill -9 "$n1"
wait "$agent"
t1="$(now)"
retries="$(grep -c '"event":"retrying"' "$work/nodes.jsonl" || true)"

echo
echo "lifeboat vault store, ${size_mib} MiB image, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in "${results[@]}"; do echo "  $r"; done
echo "  Azurite's own CPU during the Azurite pass and failover: $(python3 -c "print(f'{$az_cpu/$tck/($size_mib/1024):.1f}')") s/GiB"
echo "  node failover: pass with node 1 killed at a third $(secs "$t0" "$t1") s (same pass on one live node: about $pass_azurite s), $retries retried request(s)"
