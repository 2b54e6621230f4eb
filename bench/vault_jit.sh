#!/usr/bin/env bash
# What the vault's JIT compiles while it ingests (issue 14, session 13): bench/vault_ingest.sh with
# a flight recording of the vault's compiles and deoptimisations (bench/jit.jfc), then
# bench/jit_window.py over the bench's timed window: which methods C2 and C1 still compiled after
# the warm-up, of which kind (first compile, tier-up, recompile after a deoptimisation, OSR), and
# every deoptimisation in the window.
# Usage: bench/vault_jit.sh [SIZE_MIB] [JAR]   (WARM_UP_MIB, VAULT_DIRECTIVES as vault_ingest.sh;
# TOP=N longest compiles listed, default 30; the recording is kept where it says)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
recording=$(mktemp "${TMPDIR:-/tmp}/lifeboat-vault-jit.XXXXXX.jfr")
out=$(VAULT_THREADS=1 VAULT_JAVA_OPTS="${VAULT_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$recording,settings=$here/bench/jit.jfc,dumponexit=true" \
  "$here/bench/vault_ingest.sh" "$@" 2>&1)
echo "$out" | grep -v '^vault thread'
echo "$out" | grep -E '^vault thread (C[12] Compiler|vert.x-)' || true
read -r start end < <(echo "$out" | sed -n 's/^timed window (epoch ms) //p')
echo "recording: $recording"
python3 "$here/bench/jit_window.py" "$recording" "$start" "$end" "${TOP:-30}"
