#!/usr/bin/env bash
# What a recovery point of a sparse 1 TiB disk costs the vault (not part of verify):
# a 1 TiB image, a hole but for 4,096 pieces of 64 KiB of random bytes scattered over it, protected
# through the vault's request handlers (bench/SparseBench.java says exactly what is and is not the
# real agent), then: the vault's heap in use after a full GC and its RSS (before, after the commit,
# after a fresh open), the bytes of the manifest's chunks and point file, the commit body, and the
# heap the vault still spends per stored block (index and ownership).
# Usage: bench/sparse.sh [SIZE_GIB] [PIECES]   (default 1024 4096). Needs java 17 and bc.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gib="${1:-1024}"
pieces="${2:-4096}"
jar="$here/lifeboat-cli/target/lifeboat.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -B -q -DskipTests -pl lifeboat-cli -am package) >&2
work="$(mktemp -d "${TMPDIR:-/tmp}/lifeboat-sparse-XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores," \
  "sha_ni $(grep -qw sha_ni /proc/cpuinfo && echo present || echo absent)"
out="$(java --add-modules jdk.incubator.vector -cp "$jar" "$here/bench/SparseBench.java" "$work" "$gib" "$pieces" 2>&1 \
  | grep -v "^WARNING: Using incubator\|^warning: using incubating\|^1 warning")"
get() { echo "$out" | awk -v k="$1" '$1 == k { print $2 }'; }
mib() { echo "scale=1; $1 / 1048576" | bc; }
echo "image: $(mib "$(get image_bytes)") MiB apparent, $(get data_blocks) non-zero blocks of $(get blocks) (32 KiB)"
echo "protect (requests in-process, data blocks only read): $(get protect_seconds) s; manifest read back in $(get read_back_seconds) s"
printf '%-28s %12s %12s\n' "vault memory (MiB)" "heap used" "RSS"
for w in before_open after_commit reopened; do
  printf '%-28s %12s %12s\n' "$w" "$(mib "$(get "heap_used_$w")")" "$(mib "$(get "rss_$w")")"
done
echo "manifest: $(get manifest_chunk_bytes) bytes in $(get manifest_chunks) chunk(s); point file $(get point_file_bytes) bytes; commit body $(get commit_body_bytes) bytes"
echo "stored: $(mib "$(get data_bytes)") MiB of packs, $(get index_bytes) bytes of index and ownership files"
echo "vault heap per stored block (index + ownership, measured over 262,144 blocks): $(get heap_bytes_per_stored_block) bytes"
