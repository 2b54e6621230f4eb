#!/usr/bin/env bash
# bench/open.sh: what opening a vault costs per stored block (issue 14, session 13; not part of verify).
#
# A vault of BLOCKS blocks (512 to a pack, as 16 MiB packs of 32 KiB blocks; bench/OpenBench.java
# stores them through Repository.putBlocks, the vault's write path) is opened read-only for one small
# machine, as `failover --machine` opens it: every index file, one machine's ownership records. Each
# round runs one JVM per case, alternated, each opening the vault 3 times: the first open is cold
# (a fresh JVM: class loading, the JIT), the third warm. CPU of the calling thread and of the whole
# process (the index readers, JIT, collector), and wall time.
#   this build, on the vault this build wrote (binary index files)
#   with OLD_LIFEBOAT=/path/to/an/older/worktree/lifeboat (built with `package`): that build on the
#   vault it wrote (JSON index files), and this build on that same vault (JSON read by this build)
#   with AZURITE=1: the same opens from Azurite (Azure Blob Storage's emulator) on loopback, the
#   vaults copied there: one GET per index file
#   with OPEN_FOR=dense-1: opened for the machine that owns every block instead, so the open reads
#   every block's ownership record too (JSON before session 16, binary since; an old build reads
#   only the vault it wrote, and this build reads both)
# Then the index part of this build's open cut in steps (OpenBench split; warm).
# Usage: bench/open.sh [BLOCKS] [ROUNDS]   (default 393216 3). Needs java 17 and python3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/bench/lib.sh"
blocks="${1:-393216}"
rounds="${2:-3}"
open_for="${OPEN_FOR:-small-1}"
need_tools java python3
jar="$here/lifeboat-cli/target/lifeboat.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -B -q -DskipTests -pl lifeboat-cli -am package) >&2
old_jar=""
if [ -n "${OLD_LIFEBOAT:-}" ]; then
  old_jar="$(dirname "$OLD_LIFEBOAT")/lifeboat-cli/target/lifeboat.jar"
  [ -f "$old_jar" ] || { echo "bench: no $old_jar (build that worktree with package)" >&2; exit 2; }
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/lifeboat-open-XXXXXX")"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
bench() { java -cp "$1" "$here/bench/OpenBench.java" "${@:2}" 2>&1 | grep -v "^WARNING\|^warning: using incubating\|^1 warning"; }

machine_line
echo "vault: $blocks blocks of 64 bytes, 512 to a pack, in $work"
bench "$jar" make "$work/new/repo" "$blocks" | sed 's/^/  this build: /'
[ -n "$old_jar" ] && bench "$old_jar" make "$work/old/repo" "$blocks" | sed 's/^/  old build: /'

cases=("this:new")
[ -n "$old_jar" ] && cases+=("old:old" "this:old")
row() { # LABEL OUTPUT
  echo "$2" | awk -v label="$1" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
    { v[$1] = $2 }
    END { printf "%-34s cold %5.2f / %5.2f CPU s, %6.2f s wall   warm %5.2f / %5.2f CPU s, %6.2f s wall   load %s\n", label,
          v["open_0_cpu_s"], v["open_0_process_cpu_s"], v["open_0_wall_s"],
          v["open_2_cpu_s"], v["open_2_process_cpu_s"], v["open_2_wall_s"], load }'
}
jar_of() { [ "$1" = old ] && echo "$old_jar" || echo "$jar"; }
echo "open for $open_for (calling thread / whole process):"
for r in $(seq 1 "$rounds"); do
  for c in "${cases[@]}"; do
    b="${c%%:*}"; v="${c##*:}"
    row "round $r: $b build, $v vault" "$(bench "$(jar_of "$b")" open "$work/$v/repo" 3 "$open_for")"
  done
done

if [ "${AZURITE:-0}" = 1 ]; then
  start_azurite
  for v in new ${old_jar:+old}; do
    azurite_container "vault-$v"
    bench "$jar" copy-azure "$work/$v/repo" "azure-blob://vault-$v" | sed "s/^/  azurite, $v vault: /"
  done
  echo "open from Azurite (calling thread / whole process; Azurite's own CPU not counted):"
  for r in $(seq 1 "$rounds"); do
    for c in "${cases[@]}"; do
      b="${c%%:*}"; v="${c##*:}"
      row "round $r: $b build, $v vault, azurite" "$(bench "$(jar_of "$b")" open-azure "azure-blob://vault-$v" 3 "$open_for")"
    done
  done
fi

echo "this build's index load in steps (warm, CPU s of one thread; OpenBench split):"
for v in new ${old_jar:+old}; do
  bench "$jar" split "$work/$v/repo" 4 | sed "s/^/  $v vault: /"
done
