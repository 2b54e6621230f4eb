#!/usr/bin/env bash
# Full TLS 1.3 handshakes per second against `lifeboat vault serve` and against `openssl s_server`
# with the same certificate and key, measured the same way (`openssl s_time -new`, one client, no
# session reuse) in one run. Prints both rates and the ratio. Not part of `mvnw verify`.
#
#   bench/handshake.sh [SECONDS]        (default 10 seconds per measurement)
#   LIFEBOAT_TLS_ENGINE=jdk bench/handshake.sh    to measure the JDK engine instead of BoringSSL
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-10}"
engine="${LIFEBOAT_TLS_ENGINE:-auto}"
command -v openssl >/dev/null || { echo "bench: openssl is not installed" >&2; exit 2; }

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

./lifeboat vault init --dir "$work/V" --listen 127.0.0.1:0 >/dev/null
./lifeboat vault serve --dir "$work/V" --engine "$engine" >"$work/serve.out" 2>"$work/serve.err" &
pids+=($!)
for _ in $(seq 1 600); do [ -s "$work/V/run/address" ] && break; sleep 0.1; done
[ -s "$work/V/run/address" ] || { echo "bench: vault did not start" >&2; cat "$work/serve.err" >&2; exit 1; }
vault_addr="$(cat "$work/V/run/address")"
vault_engine="$(sed -n 's/^vault: TLS engine \([a-z]*\).*/\1/p' "$work/serve.out")"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 44333)"
# same certificate chain and key; the vault asks for (does not require) a client certificate: so does this
openssl s_server -quiet -accept "127.0.0.1:$port" -cert "$work/V/server.crt" -key "$work/V/server.key" \
  -CAfile "$work/V/ca.crt" -verify 1 -tls1_3 -www >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done

measure() { # prints handshakes per second (real time)
  local out n t
  out="$(openssl s_time -connect "$1" -new -tls1_3 -CAfile "$work/V/ca.crt" -time "$secs" 2>/dev/null)"
  n="$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) connections in [0-9]* real seconds.*/\1/p' | tail -1)"
  t="$(printf '%s\n' "$out" | sed -n 's/^[0-9]* connections in \([0-9]*\) real seconds.*/\1/p' | tail -1)"
  [ -n "$n" ] && [ -n "$t" ] && [ "$t" -gt 0 ] || { echo "bench: s_time failed against $1" >&2; printf '%s\n' "$out" >&2; exit 1; }
  awk -v n="$n" -v t="$t" 'BEGIN { printf "%.1f", n / t }'
}

# warm up the JVM (JIT) before measuring
openssl s_time -connect "$vault_addr" -new -tls1_3 -time 3 >/dev/null 2>&1 || true
vault_rate="$(measure "$vault_addr")"
openssl_rate="$(measure "127.0.0.1:$port")"
ratio="$(awk -v a="$vault_rate" -v b="$openssl_rate" 'BEGIN { printf "%.2f", a / b }')"

echo "full TLS 1.3 handshakes/s, openssl s_time -new, ${secs}s each, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '  %-32s %10s\n' "lifeboat vault serve ($vault_engine)" "$vault_rate"
printf '  %-32s %10s\n' "openssl s_server ($(openssl version | cut -d' ' -f2))" "$openssl_rate"
echo "  ratio vault/openssl: $ratio"
