#!/usr/bin/env bash
# bench/scan.sh: the same local TLS matrix scanned by lifeboat, testssl.sh, sslscan and
# `nmap --script ssl-enum-ciphers`, in one run. Prints the median seconds per endpoint of each tool
# and where the tools' findings (accepted versions, suites per version, fallback SCSV) differ.
# Not part of `mvn verify`. Needs: java, openssl, nginx, gnutls-serv, testssl(.sh), sslscan, nmap, python3.
#
#   bench/scan.sh                 # everything
#   TOOLS="lifeboat nmap" bench/scan.sh
#   RUNS=3 bench/scan.sh          # lifeboat/sslscan/nmap repeated RUNS times per endpoint (testssl once)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/out/scan-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
work="$(mktemp -d)"
TOOLS="${TOOLS:-lifeboat testssl sslscan nmap}"
RUNS="${RUNS:-3}"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  kill "$(cat "$work/nginx/nginx.pid" 2>/dev/null)" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

testssl_bin="$(command -v testssl || command -v testssl.sh || true)"
jar="$root/lifeboat-cli/target/lifeboat.jar"
if [[ " $TOOLS " == *" lifeboat "* ]]; then
  (cd "$root" && ./mvnw -B -q -DskipTests -pl lifeboat-cli -am package) >&2
fi

# --- certificates: a CA, an ECDSA and an RSA leaf for localhost / 127.0.0.1 ---
cd "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt \
  -subj "/CN=Lifeboat bench CA" -days 2 -addext basicConstraints=critical,CA:TRUE 2>/dev/null
leaf() { # name keyspec...
  local n=$1; shift
  openssl req -newkey "$@" -nodes -keyout "$n.key" -out "$n.csr" -subj "/CN=localhost" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$n.ext"
  openssl x509 -req -in "$n.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile "$n.ext" -out "$n.leaf" 2>/dev/null
  cat "$n.leaf" ca.crt > "$n.crt"
}
leaf ecdsa ec -pkeyopt ec_paramgen_curve:P-256
leaf rsa rsa:2048
openssl pkcs12 -export -inkey ecdsa.key -in ecdsa.crt -passout pass:bench -out ecdsa.p12 2>/dev/null

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "bench: nothing listens on $1" >&2; return 1
}
declare -A endpoints
start() { # name port cmd...
  local name=$1 p=$2; shift 2
  "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
  wait_port "$p"
  endpoints[$name]=$p
}

p=$(port); start openssl-modern "$p" openssl s_server -accept "127.0.0.1:$p" -www -quiet -cert ecdsa.leaf -cert_chain ca.crt \
  -key ecdsa.key -min_protocol TLSv1.2 -serverpref -cipher 'ECDHE+AESGCM:ECDHE+CHACHA20'
p=$(port); start openssl-tls13 "$p" openssl s_server -accept "127.0.0.1:$p" -www -quiet -cert rsa.leaf -cert_chain ca.crt \
  -key rsa.key -tls1_3
p=$(port); start openssl-legacy "$p" openssl s_server -accept "127.0.0.1:$p" -www -quiet -cert rsa.leaf -cert_chain ca.crt \
  -key rsa.key -min_protocol TLSv1 -no_tls1_3 -serverpref -legacy_renegotiation -cipher 'kRSA+AES:ECDHE+aRSA+AES:@SECLEVEL=0'
p=$(port); start gnutls-tls10 "$p" gnutls-serv --port "$p" --echo -a --x509certfile rsa.crt --x509keyfile rsa.key \
  --priority 'NORMAL:-VERS-ALL:+VERS-TLS1.0:%SERVER_PRECEDENCE'
p=$(port); start jsse-noscsv "$p" java "$here/JsseServer.java" "$p" ecdsa.p12 bench TLSv1.3,TLSv1.2 \
  TLS_AES_256_GCM_SHA384,TLS_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
p=$(port); mkdir -p nginx/logs nginx/tmp
cat > nginx/nginx.conf <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp/body; proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi; uwsgi_temp_path $work/nginx/tmp/uwsgi; scgi_temp_path $work/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$p ssl;
    ssl_certificate $work/rsa.crt; ssl_certificate_key $work/rsa.key;
    ssl_protocols TLSv1.2; ssl_ciphers ECDHE+AESGCM; ssl_prefer_server_ciphers on;
    location / { return 200 "ok\n"; }
  }
}
CONF
start nginx-tls12 "$p" "$(command -v nginx || echo /usr/sbin/nginx)" -p "$work/nginx" -e "$work/nginx/logs/error.log" -c "$work/nginx/nginx.conf"

# --- the tools, one endpoint at a time, each timed ---
now() { date +%s.%N; }
: > "$out/times.tsv"
run() { # tool endpoint run cmd...
  local tool=$1 name=$2 r=$3; shift 3
  local t0 t1; t0=$(now)
  "$@" >"$out/$tool-$name-$r.txt" 2>&1 || true
  t1=$(now)
  printf '%s\t%s\t%s\t%s\n' "$tool" "$name" "$r" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')" >> "$out/times.tsv"
}
# A short-lived JVM: C1 only, serial GC, and an AppCDS archive of the classes a scan loads (made by
# one untimed scan first), as a deployment of the CLI would use (docs/performance.md).
export LIFEBOAT_JAVA_OPTS="${LIFEBOAT_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
cds=()
if [[ " $TOOLS " == *" lifeboat "* ]]; then
  first=$(printf '%s\n' "${endpoints[@]}" | head -1)
  # shellcheck disable=SC2086
  java $LIFEBOAT_JAVA_OPTS -XX:ArchiveClassesAtExit="$work/lifeboat.jsa" -jar "$jar" scan "127.0.0.1:$first" \
    --sni localhost --ca "$work/ca.crt" --json "$work/warmup.json" >/dev/null 2>&1 || true
  [ -f "$work/lifeboat.jsa" ] && cds=(-XX:SharedArchiveFile="$work/lifeboat.jsa")
fi
for name in "${!endpoints[@]}"; do
  p=${endpoints[$name]}
  echo "bench: $name on 127.0.0.1:$p" >&2
  for r in $(seq 1 "$RUNS"); do
    if [[ " $TOOLS " == *" lifeboat "* ]]; then
      # shellcheck disable=SC2086
      run lifeboat "$name" "$r" java $LIFEBOAT_JAVA_OPTS "${cds[@]}" -jar "$jar" scan "127.0.0.1:$p" --sni localhost --ca "$work/ca.crt" \
        --json "$out/lifeboat-$name-$r.json"
    fi
    if [[ " $TOOLS " == *" sslscan "* ]]; then
      run sslscan "$name" "$r" sslscan --no-colour --sni-name=localhost --xml="$out/sslscan-$name-$r.xml" "127.0.0.1:$p"
    fi
    if [[ " $TOOLS " == *" nmap "* ]]; then
      run nmap "$name" "$r" nmap -Pn -p "$p" --script ssl-enum-ciphers -oX "$out/nmap-$name-$r.xml" 127.0.0.1
    fi
  done
  if [[ " $TOOLS " == *" testssl "* && -n "$testssl_bin" ]]; then
    run testssl "$name" 1 "$testssl_bin" --quiet --color 0 --warnings off --sneaky -p -E -P -S -R -C -Z \
      --add-ca "$work/ca.crt" --jsonfile "$out/testssl-$name-1.json" "127.0.0.1:$p"
  fi
done
printf '%s\n' "${!endpoints[@]}" > "$out/endpoints.txt"
if [[ " $TOOLS " == *" lifeboat "* ]]; then
  # The whole matrix in one invocation: what a fleet scan costs per endpoint.
  for name in "${!endpoints[@]}"; do echo "127.0.0.1:${endpoints[$name]}"; done > "$work/all.txt"
  for r in $(seq 1 "$RUNS"); do
    # shellcheck disable=SC2086
    run lifeboat-batch all "$r" java $LIFEBOAT_JAVA_OPTS "${cds[@]}" -jar "$jar" scan -f "$work/all.txt" --sni localhost \
      --ca "$work/ca.crt" --json "$out/lifeboat-batch-$r.json"
  done
fi
python3 "$here/scan_compare.py" "$out" | tee "$out/summary.txt"
echo "bench: raw outputs in $out" >&2
