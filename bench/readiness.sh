#!/usr/bin/env bash
# Readiness bench: read the SCHANNEL and .NET keys from the largest real hive
# (shared/fixtures/registry/regipy/SYSTEM_WIN_10_1709, 15 MB), lifeboat against hivexget and reglookup
# in the same run, and print the ratios. Two figures:
#   cold: one process per query, as a user runs it (lifeboat pays JVM start-up);
#   warm: lifeboat in a running JVM (open the hive + read the keys, median of ROUNDS) against one
#         hivexget process per key (its start-up is a few ms, so this is its best case).
# Usage: bench/readiness.sh [ROUNDS]   (needs xz, hivexget, reglookup; java 17)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-50}
shared=${LIFEBOAT_SHARED:-../shared}
[ -d "$shared/fixtures/registry" ] || shared=/work/shared
src="$shared/fixtures/registry/regipy/SYSTEM_WIN_10_1709.xz"
for t in xz hivexget reglookup java; do command -v $t >/dev/null || { echo "bench: $t is not installed" >&2; exit 2; }; done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
hive="$tmp/SYSTEM"
xz -dc "$src" > "$hive"

./mvnw -B -q -DskipTests -pl lifeboat-cli -am package >&2
./mvnw -B -q -pl lifeboat-readiness test-compile >&2
jar=lifeboat-cli/target/lifeboat.jar
cp="lifeboat-readiness/target/classes:lifeboat-readiness/target/test-classes:lifeboat-tls/target/classes"

cs=$(hivexget "$hive" 'Select' | sed -n 's/"Current"=dword:0*//p')
cs=$(printf 'ControlSet%03d' "$cs")
keys=("$cs\\Control\\SecurityProviders\\SCHANNEL" "$cs\\Services\\.NETFramework" "$cs\\Services\\.NET CLR Data")

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# hivexget: every key of the SCHANNEL and .NET subtrees, one process per key (what a script would do)
mapfile -t subkeys < <(for k in "${keys[@]}"; do
  p="/${k//\\//}"; reglookup -H -t KEY -p "$p" "$hive" 2>/dev/null | cut -d, -f1; done)
hivexget_all() { for s in "${subkeys[@]}"; do hivexget "$hive" "${s//\//\\}" >/dev/null; done; }
reglookup_all() { for k in "${keys[@]}"; do p="/${k//\\//}"; reglookup -H -p "$p" "$hive" >/dev/null 2>&1; done; }
lifeboat_cli() { java -jar "$jar" readiness --hive "$hive" --json /dev/null >/dev/null || [ $? -eq 3 ]; }

time_ms() { local f=$1 n=$2 out=(); for _ in $(seq "$n"); do t0=$(now); $f; t1=$(now); out+=($(( (t1 - t0) / 1000 ))); done
  printf '%s\n' "${out[@]}" | median | awk '{printf "%.1f", $1/1000}'; }

echo "hive: $(basename "$src" .xz) ($(stat -c %s "$hive") bytes), ${#subkeys[@]} keys under SCHANNEL and Services\\.NET*"
hx=$(time_ms hivexget_all 5)
rl=$(time_ms reglookup_all 5)
lc=$(time_ms lifeboat_cli 5)
warm=$(java -cp "$cp" io.lifeboat.readiness.bench.HiveLookupBench "$hive" "$ROUNDS")
wm=${warm% *}; values=${warm#* }
echo "cold, one process per query (median of 5):"
printf '  hivexget  (%d processes)  %8s ms\n' "${#subkeys[@]}" "$hx"
printf '  reglookup (3 processes)   %8s ms\n' "$rl"
printf '  lifeboat readiness --hive %8s ms   (JVM start + all 8 rules)\n' "$lc"
awk -v a="$lc" -v b="$hx" -v c="$rl" 'BEGIN {printf "  ratio lifeboat/hivexget %.2f, lifeboat/reglookup %.2f\n", a/b, a/c}'
echo "warm, lifeboat in a running JVM: open hive + read $values values, median of $ROUNDS rounds:"
printf '  lifeboat  %8s ms\n' "$wm"
awk -v a="$wm" -v b="$hx" -v c="$rl" 'BEGIN {printf "  ratio lifeboat(warm)/hivexget(cold) %.3f, lifeboat(warm)/reglookup(cold) %.3f\n", a/b, a/c}'
