#!/usr/bin/env bash
# Builds the flows module — ramp-web with only the `flows` feature: the
# teammate, team-group and share pages, the review, apply and embedding —
# into target/ramp-flows/ (ramp-flows.js, ramp-flows_bg.wasm, snippets/).
# The app's shell imports it on demand; ramp-embed.js loads it for portals.
# Its own target dir keeps Trunk's shell build from rebuilding each time.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/ramp-flows
CARGO_TARGET_DIR=target/flows cargo build -q --target wasm32-unknown-unknown --profile wasm-release \
  -p ramp-web --bin ramp-web --no-default-features --features flows
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" --out-name ramp-flows \
  target/flows/wasm32-unknown-unknown/wasm-release/ramp-web.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals "$out/ramp-flows_bg.wasm" -o "$out/ramp-flows_bg.wasm"
rm -f "$out"/*.d.ts
