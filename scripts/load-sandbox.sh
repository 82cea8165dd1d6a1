#!/usr/bin/env bash
# Load on the sandbox over loopback: starts a release `ramp serve` with a large
# user quota, runs crates/proxy/examples/sandbox_load.rs against it (signed
# GetCallerIdentity and CreateUser, V1 and V3), prints a Markdown table.
# Usage: scripts/load-sandbox.sh [SECONDS] [CONNECTIONS]
# With RAMP_LOAD_STATE=1 the server persists to a --state file (every write fsynced).
# With RAMP_LOAD_STATE=durable it times durable CreateUser at 20 users, then at 20,000.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"; connections="${2:-32}"
cargo build -q --release -p ramp
cargo build -q --release -p ramp-proxy --example sandbox_load
tmp=$(mktemp -d); trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
mkdir "$tmp/dist"; echo '<html></html>' > "$tmp/dist/index.html"
cat > "$tmp/sandbox.json" <<JSON
{"accounts": [{"id": "1680000000000001", "alias": "ramp-load", "users-quota": 100000000}]}
JSON
state=(); mode=()
case "${RAMP_LOAD_STATE:-}" in
  1) state=(--state "$tmp/state.db") ;;
  durable) state=(--state "$tmp/state.db"); mode=(durable) ;;
esac
./target/release/ramp serve --bind 127.0.0.1:0 --dist "$tmp/dist" --sandbox-config "$tmp/sandbox.json" "${state[@]}" > "$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 50); do grep -q "^Ramp is serving" "$tmp/serve.log" && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve.log" | head -1)
./target/release/examples/sandbox_load "$url" "$seconds" "$connections" "${mode[@]}"
