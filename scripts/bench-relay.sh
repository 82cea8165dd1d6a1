#!/usr/bin/env bash
# The relay side by side with nginx as a plain reverse proxy, both in front of
# the same loopback fake upstream, driven by wrk with the same load; prints a
# Markdown table (throughput, ratio, p50/p99 and the latency each adds).
# Needs Debian's nginx and wrk (installed here when missing).
# Each target is measured ROUNDS times (default 3), interleaved, and the
# medians are reported: absolute figures on a shared machine are noisy.
# Usage: scripts/bench-relay.sh [SECONDS] [CONNECTIONS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"; connections="${2:-64}"; rounds="${3:-3}"
if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  # apt's progress goes to stderr: stdout is the report (make bench captures it).
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk || \
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk; } >&2
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
: > "$tmp/rows"
for round in $(seq "$rounds"); do
  measure "fake upstream, direct" "http://127.0.0.1:$UP/$q" >> "$tmp/rows"
  measure "nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') reverse proxy" "http://127.0.0.1:$NGINX/relay/ram$q" >> "$tmp/rows"
  measure "ramp serve relay" "http://127.0.0.1:$RELAY/relay/ram$q" >> "$tmp/rows"
done
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v=v*1000 } printf "%.2f", v }'; }
median() { sort -n | awk '{ a[NR]=$1 } END { print a[int((NR+1)/2)] }'; }
echo "| $connections connections, ${seconds} s, wrk -t2, median of $rounds | requests/s | p50 ms | p99 ms |"
echo "|---|---:|---:|---:|"
declare -A RPS P50 P99
while IFS= read -r name; do
  rows=$(grep -F "$name|" "$tmp/rows")
  RPS[$name]=$(cut -d'|' -f2 <<<"$rows" | median)
  P50[$name]=$(cut -d'|' -f3 <<<"$rows" | while read -r v; do echo "$v" | to_ms; echo; done | median)
  P99[$name]=$(cut -d'|' -f4 <<<"$rows" | while read -r v; do echo "$v" | to_ms; echo; done | median)
  printf '| %s | %.0f | %s | %s |\n' "$name" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}"
done < <(cut -d'|' -f1 "$tmp/rows" | awk '!seen[$0]++')
direct="fake upstream, direct"; relay="ramp serve relay"; nginx_name=$(cut -d'|' -f1 "$tmp/rows" | grep nginx | head -1)
awk -v r="${RPS[$relay]}" -v n="${RPS[$nginx_name]}" -v rp="${P99[$relay]}" -v np="${P99[$nginx_name]}" -v dp="${P99[$direct]}" \
  'BEGIN { printf "\nramp relay / nginx throughput: %.2f; p99 added over direct: ramp %.2f ms, nginx %.2f ms\n", r / n, rp - dp, np - dp }'
echo "relay log lines written: $(wc -l < "$tmp/relay.log")"
