#!/usr/bin/env bash
# The relay side by side with nginx as a plain reverse proxy, both in front of
# the same loopback fake upstream, driven by wrk with the same load; prints a
# Markdown table (throughput, ratio, p50/p99 and the latency each adds).
# Needs Debian's nginx and wrk (installed here when missing).
# Usage: scripts/bench-relay.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"; connections="${2:-64}"
if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk || \
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk
fi
cargo build -q --release -p ramp
cargo build -q --release -p ramp-proxy --example fake_upstream
tmp=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
UP=18501; RELAY=18502; NGINX=18503
./target/release/examples/fake_upstream 127.0.0.1:$UP > /dev/null & pids+=($!)
mkdir "$tmp/dist"; echo '<html></html>' > "$tmp/dist/index.html"
./target/release/ramp serve --bind 127.0.0.1:$RELAY --dist "$tmp/dist" --upstream-url http://127.0.0.1:$UP \
  --rate-per-client 0 --max-concurrent 4096 > /dev/null 2> "$tmp/relay.log" & pids+=($!)
cat > "$tmp/nginx.conf" <<CONF
worker_processes 2;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log;
daemon off;
events { worker_connections 4096; }
http {
  access_log $tmp/nginx-access.log;
  upstream fake { server 127.0.0.1:$UP; keepalive 128; }
  server {
    listen 127.0.0.1:$NGINX;
    location /relay/ram {
      proxy_pass http://fake/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host ram.aliyuncs.com;
      proxy_pass_request_headers on;
      proxy_redirect off;
    }
  }
}
CONF
nginx -c "$tmp/nginx.conf" -p "$tmp" & pids+=($!)
sleep 1
cat > "$tmp/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = "UserName=alice"
wrk.headers["content-type"] = "application/x-www-form-urlencoded"
wrk.headers["x-acs-action"] = "GetUser"
wrk.headers["x-acs-date"] = "2026-11-22T12:00:00Z"
wrk.headers["authorization"] = "ACS3-HMAC-SHA256 Credential=LTAI5tExample,SignedHeaders=host;x-acs-action;x-acs-date,Signature=0123456789abcdef"
LUA
run() { wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$tmp/post.lua" "$1" 2>&1; }
measure() { # name url
  local out rps p50 p99
  out=$(run "$2")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$1|$rps|$p50|$p99"
}
q="?Action=GetUser&UserName=alice&Signature=abc%2B%2F%3D"
direct=$(measure "fake upstream, direct" "http://127.0.0.1:$UP/$q")
nginx_row=$(measure "nginx 1.22 reverse proxy" "http://127.0.0.1:$NGINX/relay/ram$q")
relay_row=$(measure "ramp serve relay" "http://127.0.0.1:$RELAY/relay/ram$q")
echo "| $connections connections, ${seconds} s, wrk -t2 | requests/s | p50 | p99 |"
echo "|---|---:|---:|---:|"
for row in "$direct" "$nginx_row" "$relay_row"; do IFS='|' read -r n r a b <<<"$row"; echo "| $n | $r | $a | $b |"; done
IFS='|' read -r _ nr _ _ <<<"$nginx_row"; IFS='|' read -r _ rr _ _ <<<"$relay_row"
awk -v r="$rr" -v n="$nr" 'BEGIN { printf "\nramp relay / nginx throughput: %.2f\n", r / n }'
echo "relay log lines: $(wc -l < "$tmp/relay.log")"
