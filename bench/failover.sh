#!/usr/bin/env bash
# bench/failover.sh: what `lifeboat failover` costs, by kind of thread, beside the durable write of
# the same bytes, in one run (issue 14, aim 6: failover of 1 GiB within 1.3x that write).
#
# One vault holds a 1 GiB random image (protected once by the real agent) and, with TREE_FILES set,
# a tree like bench/tree.sh's. Then ROUNDS rounds, each of:
#   1. `lifeboat failover` of the image's point to a new file, as the launcher runs it (its compiler
#      directives, class-data archive), the vault's packs taken out of the page cache first (a
#      vault writes them around it, so a failover finds them there) and the result compared (cmp)
#   2. the same with LIFEBOAT_JAVA_OPTS=-XX:TieredStopAtLevel=4: the full tiered JIT, as before
#      failover.directives (the launcher gives way to options that name a tier)
#   3. `dd if=IMG of=COPY bs=1M conv=fdatasync`: the durable write of the same bytes
#   4. with TREE_FILES, both failovers of the tree, each to a folder never used before (ext4 skips
#      inodes freed seconds ago, so deleting the last round's files would slow this one's creates)
# Each failover's CPU seconds per kind of thread come from /proc (bench/thread_cpu.py): main (the
# calling thread: start-up, manifest, copies into the write buffer, writes), reading (ranged pack
# reads, checks, SHA-256 of every block), JIT compiler threads, other (GC, VM). The machine line
# gives the CPU, its SHA extensions and the load: on a shared machine wall times swing, CPU seconds
# much less. Beside the durable write, each round prints a cold read of the vault's packs (`cat` to
# /dev/null after evicting them): the other half of a failover's I/O, which `dd` does not make; and
# the two at once, with O_DIRECT as a failover does them (bench/failover_io_floor.py): on one disk
# the floor of the data phase. Each failover runs with --json, whose events time its phases (bench/failover_phases.py):
# open (JVM start, CLI, the repository's index and ownership, the manifest), first (the first group),
# data (the other blocks), sync (the final fsync and rename), exit.
#
# Usage: bench/failover.sh [ROUNDS]   (default 3; TREE_FILES=50000 TREE_MB=750 adds the tree;
#        OLD_LIFEBOAT=/path/to/other/worktree/lifeboat adds, each round, that build's failover of the
#        image (and of the tree) from a copy of the vault whose index files that build rewrote in its
#        own form, run right after this build's: before and after, alternated; FULL_JIT=0 leaves out the runs with the full tiered JIT)
# Needs: java 17, python3, cmp, dd, tar. Not part of `mvn verify`. Stops by itself.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rounds="${1:-3}"
need_tools python3 java cmp dd tar
machine_line

img="$work/disk.img"
echo "bench: a vault holding a 1 GiB random image${TREE_FILES:+ and a tree of about $TREE_FILES files}" >&2
vault_holding_image "$img"
if [ -n "${TREE_FILES:-}" ]; then
  make_tree "$work/tree" "$TREE_FILES" "${TREE_MB:-750}"
  enroll_agent tree "$work/T"
  lb agent protect --dir "$work/T" --once "$work/tree" >/dev/null
fi
kill "$vault_pid"; wait "$vault_pid" 2>/dev/null || true # failover reads the folder itself

# evict_packs: the vault's packs out of the page cache, as a vault that writes them with O_DIRECT leaves them
evict_packs() {
  local v
  for v in "$work/V" "$work/V-old"; do # V-old only with OLD_LIFEBOAT
    [ -d "$v" ] || continue
    find "$v" -type f -path '*/data/*' -print0 | while IFS= read -r -d '' f; do evict_from_cache "$f"; done
  done
}
# failover LABEL MACHINE TARGET [JAVA_OPTS [LAUNCHER [VAULT]]]: one failover; prints LABEL, seconds and CPU by thread kind
failover() {
  local label=$1 machine=$2 target=$3 opts=${4:-} launcher=${5:-$here/lifeboat} vault=${6:-$work/V} t0 t1 threads
  evict_packs
  t0="$(now)"
  # --json: its events on stderr time the phases (bench/failover_phases.py)
  LIFEBOAT_JAVA_OPTS="$opts" python3 "$here/bench/failover_phases.py" "$work/phases" "$work/failover.log" \
    timeout 900 "$launcher" failover --dir "$vault" --machine "$machine" --to "$target" --json &
  local pid=$!
  threads="$(python3 "$here/bench/thread_cpu.py" "$pid")"
  wait "$pid" || { cat "$work/failover.log" >&2; exit 1; }
  t1="$(now)"
  python3 - "$label" "$(secs "$t0" "$t1")" "$(cut -d' ' -f1 /proc/loadavg)" <<PY
import re, sys
label, wall, load = sys.argv[1:]
kinds = {"main": 0.0, "reading": 0.0, "JIT": 0.0, "other": 0.0}
for line in """$threads""".splitlines():
    secs, name = line.split(None, 1)
    if name == "in all":
        continue
    kind = "main" if name == "java" else "reading" if name.startswith("lifeboat") else "JIT" if "Compiler" in name else "other"
    kinds[kind] += float(secs)
print(f"{label:34} {float(wall):6.2f} s  load {load:>5}  CPU {sum(kinds.values()):5.2f} s: "
      + "  ".join(f"{k} {v:4.2f}" for k, v in kinds.items()))
PY
  echo "  phases (s of wall): $(cat "$work/phases")"
}

full_jit=-XX:TieredStopAtLevel=4
# the launcher writes a command's class-data archive at the end of its first run after a build: not in a round
echo "bench: a first failover, unmeasured (the launcher's class-data archive of failover)" >&2
lb failover --dir "$work/V" --machine bench --to "$work/restored.img" --json >/dev/null 2>&1
rm -f "$work/restored.img"
if [ -n "${OLD_LIFEBOAT:-}" ]; then
  # The old build fails over from a copy of the vault in the form it writes itself: its own writable
  # open (a prune that drops nothing: one point per machine) rewrites every index file it cannot read
  # (the binary form of session 13, for a build before it) from its pack, in its own form.
  cp -a "$work/V" "$work/V-old"
  timeout 900 "$OLD_LIFEBOAT" prune --dir "$work/V-old" >/dev/null 2>&1
  timeout 900 "$OLD_LIFEBOAT" failover --dir "$work/V-old" --machine bench --to "$work/restored.img" --json >/dev/null 2>&1
  rm -f "$work/restored.img"
fi
for r in $(seq 1 "$rounds"); do
  echo "bench: round $r of $rounds" >&2
  failover "image, launcher" bench "$work/restored.img"
  cmp -s "$img" "$work/restored.img" || { echo "bench: the failed-over image differs from the source" >&2; exit 1; }
  rm -f "$work/restored.img"
  if [ -n "${OLD_LIFEBOAT:-}" ]; then
    failover "image, launcher, OLD_LIFEBOAT" bench "$work/restored.img" "" "$OLD_LIFEBOAT" "$work/V-old"
    cmp -s "$img" "$work/restored.img" || { echo "bench: the old build's image differs from the source" >&2; exit 1; }
    rm -f "$work/restored.img"
  fi
  if [ "${FULL_JIT:-1}" != 0 ]; then
    failover "image, full tiered JIT" bench "$work/restored.img" "$full_jit"
    cmp -s "$img" "$work/restored.img" || { echo "bench: the failed-over image differs from the source" >&2; exit 1; }
    rm -f "$work/restored.img"
  fi
  sync
  t0="$(now)"
  dd if="$img" of="$work/copy.img" bs=1M conv=fdatasync status=none
  echo "dd bs=1M conv=fdatasync (durable write) $(secs "$t0" "$(now)") s  load $(cut -d' ' -f1 /proc/loadavg)"
  rm -f "$work/copy.img"
  # the read a failover makes and dd does not: the packs, out of the page cache, read once in order
  evict_packs
  t0="$(now)"
  find "$work/V" -type f -path '*/data/*' -print0 | xargs -0 cat >/dev/null
  echo "cat of the packs, cold (the read)       $(secs "$t0" "$(now)") s  load $(cut -d' ' -f1 /proc/loadavg)"
  # both at once, as a failover does them (O_DIRECT on both sides): on one disk they share the device,
  # so this, not the read plus dd, is what the data phase can come down to (bench/failover_io_floor.py)
  evict_packs
  mapfile -d '' packs < <(find "$work/V" -type f -path '*/data/*' -print0)
  echo "packs read and 1 GiB written at once    $(python3 "$here/bench/failover_io_floor.py" "$work/floor.img" $((1 << 30)) "${packs[@]}") s  load $(cut -d' ' -f1 /proc/loadavg)"
  if [ -n "${TREE_FILES:-}" ]; then
    failover "tree, launcher" tree "$work/tree.$r.a"
    [ "$r" = 1 ] && { diff -r --no-dereference "$work/tree" "$work/tree.1.a" >/dev/null || { echo "bench: the failed-over tree differs" >&2; exit 1; }; }
    if [ -n "${OLD_LIFEBOAT:-}" ]; then
      failover "tree, launcher, OLD_LIFEBOAT" tree "$work/tree.$r.c" "" "$OLD_LIFEBOAT" "$work/V-old"
      [ "$r" = 1 ] && { diff -r --no-dereference "$work/tree" "$work/tree.1.c" >/dev/null || { echo "bench: the old build's tree differs" >&2; exit 1; }; }
    fi
    if [ "${FULL_JIT:-1}" != 0 ]; then
      failover "tree, full tiered JIT" tree "$work/tree.$r.b" "$full_jit"
    fi
  fi
done
