#!/usr/bin/env bash
# The vault's CPU per GiB ingested (issue 14), in one run beside references on the same machine:
#   vault ingest: a real `vault serve` process on loopback TLS receives SIZE MiB of 32 KiB random
#                 blocks in 16 MiB batches (two in flight) built before the clock starts, then the
#                 manifest and the commit; its CPU time comes from /proc (the agent's cost excluded)
#   references:   `openssl speed -evp sha256` (the SHA-256 floor: the vault must hash every byte)
#                 and `dd ... conv=fdatasync` of the same number of bytes (the durable write)
# Usage: bench/vault_ingest.sh [SIZE_MIB] [JAR]   (default 1024, lifeboat-cli/target/lifeboat.jar)
# VAULT_JAVA_OPTS adds JVM options to the vault (a flight recording, say); WARM_UP_MIB (default 256)
# is sent and committed untimed first, for the vault's JIT (upload and commit paths alike); PASSES=N
# (default 1) times N passes of SIZE MiB of new blocks in a row into the same vault, one line each
# (a running vault's next full passes: WARM_UP_MIB=1024 PASSES=2 gives the 2nd and 3rd GiB).
# FRESH_CONNECTIONS=1 gives each timed pass connections of its own, opened and closed in its window
# (an agent's pass; by default all passes share the warm-up's connections).
# It also prints the vault's start (wall time until it listens, its CPU by then) and its peak RSS, so
# that a change to the vault's JVM options shows what it does to both.
# The vault runs with the JIT directives and options the `lifeboat` launcher gives `vault serve`
# (launch.sh); VAULT_DIRECTIVES names another file, or none when empty; VAULT_JIT_OPTS other options.
# A JAR built from another commit measures that commit's vault (the "before" of a change: give it
# that commit's directives, VAULT_DIRECTIVES= before there were any).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
size=${1:-1024}
jar=${2:-$here/lifeboat-cli/target/lifeboat.jar}
if [ -z "${2:-}" ]; then
  (cd "$here" && ./mvnw -B -q -o -DskipTests -pl lifeboat-cli -am package) >&2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/lifeboat-ingest.XXXXXX")
vault_pid=
cleanup() { [ -n "$vault_pid" ] && kill "$vault_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
lb() { java -XX:+UseSerialGC -jar "$jar" "$@"; }
calc() { python3 -c "print($1)"; } # arithmetic on decimals (no bc: the machines have python3)
port=$((20000 + RANDOM % 20000))
lb vault init --dir "$work/V" --listen "127.0.0.1:$port" >/dev/null
token=$(lb vault enroll --dir "$work/V" --machine bench)
source "$here/lifeboat-cli/src/main/launcher/launch.sh"
directives=${VAULT_DIRECTIVES-$(compiler_directives vault serve)}
jit_opts=()
if [ -n "$directives" ]; then
  jit_opts=(-XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile="$directives" -XX:-DisplayVMOutput)
fi
# and the JIT options it gives `vault serve` (vault_serve_jit); VAULT_JIT_OPTS= gives none (a build
# from before there were any), VAULT_JIT_OPTS="..." others
if [ -n "${VAULT_JIT_OPTS+set}" ]; then
  read -r -a serve_jit <<<"$VAULT_JIT_OPTS"
elif declare -F vault_serve_jit >/dev/null; then
  mapfile -t serve_jit < <(vault_serve_jit)
else
  serve_jit=()
fi
jit_opts+=("${serve_jit[@]}")
launched=$(date +%s.%N)
java "${jit_opts[@]}" ${VAULT_JAVA_OPTS:-} --add-modules jdk.incubator.vector -jar "$jar" vault serve --dir "$work/V" > "$work/serve.log" 2>&1 &
vault_pid=$!
for _ in $(seq 1 400); do grep -q "vault: listening on" "$work/serve.log" 2>/dev/null && break; sleep 0.05; done
# the vault's start: wall time until it listens and its CPU by then (utime + stime, clock ticks)
start_secs=$(calc "$(date +%s.%N) - $launched")
start_cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$vault_pid/stat")
lb agent enroll "$token" --dir "$work/A" >/dev/null
hashing=$(grep -o "block hashing .*" "$work/serve.log" || echo "block hashing: (not printed by this version)")
java -Xmx6g -DwarmUpMiB="${WARM_UP_MIB:-256}" -Dpasses="${PASSES:-1}" -DfreshConnections="${FRESH_CONNECTIONS:+true}" -cp "$jar" "$here/bench/VaultIngestBench.java" "$work/A" "$vault_pid" "$size" >"$work/passes.txt" 2>"$work/threads.txt"
if [ -n "${VAULT_THREADS:-}" ]; then # where the vault's CPU went in each timed window, by kind of thread
  cat "$work/threads.txt" >&2
fi
ref_sha=$(openssl speed -evp sha256 -bytes 32768 -seconds 2 2>/dev/null | awk '/^sha256/ { print $NF }' | tr -d k)
ref_dd_start=$(date +%s.%N)
dd if=/dev/zero of="$work/dd.bin" bs=1M count="$size" conv=fdatasync status=none
ref_dd=$(calc "$(date +%s.%N) - $ref_dd_start")
sha_ni=$(grep -q -w 'sha_ni\|sha2' /proc/cpuinfo && echo yes || echo no)
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, SHA extensions: $sha_ni"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) while measuring"
echo "vault: $hashing"
echo "vault: JIT directives ${directives:-(none)}; JIT options ${serve_jit[*]:-(none)}"
connections="the warm-up's, shared by every pass"
[ -n "${FRESH_CONNECTIONS:-}" ] && connections="each pass its own, opened and closed in its window"
echo "vault: connections: $connections"
printf 'vault: listening %.2f s after its launch, %s CPU-s by then; peak RSS %s MiB after the last pass\n' \
  "$start_secs" "$start_cpu" "$(($(awk '/^VmHWM/ { print $2 }' "/proc/$vault_pid/status") / 1024))"
pass=0
while read -r bytes secs cpu jit; do
  pass=$((pass + 1))
  gib=$(calc "$bytes / 1073741824")
  [ "${PASSES:-1}" -gt 1 ] && printf 'pass %d: ' "$pass"
  printf 'vault ingest    %7.0f MiB in %6.2f s  %7.1f MB/s   vault CPU %6.2f s = %5.2f CPU-s/GiB (%5.2f without JIT compiler threads)\n' \
    "$(calc "$bytes / 1048576")" "$secs" "$(calc "$bytes / $secs / 1000000")" "$cpu" \
    "$(calc "$cpu / $gib")" "$(calc "($cpu - $jit) / $gib")"
done < "$work/passes.txt"
printf 'openssl sha256  %7.1f MB/s on 32 KiB blocks = %5.2f CPU-s/GiB (the hashing floor)\n' \
  "$(calc "$ref_sha / 1000")" "$(calc "1073741.824 / $ref_sha")"
printf 'dd fdatasync    %7d MiB in %6.2f s  %7.1f MB/s (the durable write of the same bytes)\n' \
  "$size" "$ref_dd" "$(calc "$size * 1.048576 / $ref_dd")"
