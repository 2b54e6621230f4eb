#!/usr/bin/env bash
# Repository throughput against reference tools, in one run on the same image (not part of verify):
#   store    (vault side of a first protect: 16 MiB wire batches of 32 KiB blocks decoded, unzstd,
#             re-hashed, packed, fsynced, two batches at a time, as `vault serve` does)
#                                                  vs  cp IMAGE + sync   (plain copy to the same disk)
#   failover (read, re-hash, sparse write + fsync) vs  cp --sparse=always + sync
#   verify   (read + decompress + re-hash packs)   vs  sha256sum IMAGE
# Usage: bench/repository.sh [SIZE_MIB]   (default 1024; half random, a quarter zeros, a quarter text)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
size=${1:-1024}
work=$(mktemp -d "${TMPDIR:-/tmp}/lifeboat-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$here" && ./mvnw -B -q -DskipTests -pl lifeboat-cli -am package) >&2
jar="$here/lifeboat-cli/target/lifeboat.jar"

img="$work/disk.img"
half=$((size / 2)); quarter=$((size / 4))
{ head -c $((half << 20)) /dev/urandom
  head -c $((quarter << 20)) /dev/zero
  { yes "lifeboat keeps recovery points of machines over TLS 1.2 and 1.3 only" || true; } | head -c $(((size - half - quarter) << 20)); } > "$img"
sync

secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
ref_copy=$(secs bash -c "cp '$img' '$work/copy.img' && sync")
rm -f "$work/copy.img"
ref_sparse=$(secs bash -c "cp --sparse=always '$img' '$work/sparse.img' && sync")
rm -f "$work/sparse.img"
ref_hash=$(secs sha256sum "$img")

# one JVM per phase, with the Vector API as the launcher gives it to `vault serve` and `failover`:
# the store is what `vault serve` does for an upload, then failover and verify
vector=(--add-modules jdk.incubator.vector)
out=$(java "${vector[@]}" -cp "$jar" "$here/bench/RepositoryBench.java" store "$img" "$work/repo" 2>&1 | grep -v "^WARNING: Using incubator\|^warning: using incubating\|^1 warning")
out+=$'\n'$(java "${vector[@]}" -cp "$jar" "$here/bench/RepositoryBench.java" restore "$img" "$work/repo" "$work/restored.img" 2>&1 | grep -v "^WARNING: Using incubator\|^warning: using incubating\|^1 warning")
get() { echo "$out" | awk -v k="$1" '$1 == k { print $2 }'; }
st=$(get store); fo=$(get failover); ve=$(get verify)
mbs() { echo "scale=1; $size / $1" | bc; }
ratio() { echo "scale=2; $1 / $2" | bc; }
printf '%-9s %8s %9s   %-26s %8s %9s  %s\n' phase seconds MB/s reference seconds MB/s "lifeboat/reference time"
printf '%-9s %8.2f %9s   %-26s %8.2f %9s  %s\n' store "$st" "$(mbs "$st")" "cp + sync" "$ref_copy" "$(mbs "$ref_copy")" "$(ratio "$st" "$ref_copy")"
printf '%-9s %8.2f %9s   %-26s %8.2f %9s  %s\n' failover "$fo" "$(mbs "$fo")" "cp --sparse=always + sync" "$ref_sparse" "$(mbs "$ref_sparse")" "$(ratio "$fo" "$ref_sparse")"
printf '%-9s %8.2f %9s   %-26s %8.2f %9s  %s\n' verify "$ve" "$(mbs "$ve")" "sha256sum" "$ref_hash" "$(mbs "$ref_hash")" "$(ratio "$ve" "$ref_hash")"
echo "repository on disk: $(du -sm "$work/repo" | cut -f1) MiB for a ${size} MiB image"
