#!/usr/bin/env bash
# Builds the flows module — ramp-web with only the `flows` feature: the
# teammate, team-group and share pages, the review, apply and embedding —
# into target/ramp-flows/ (ramp-flows.js, ramp-flows_bg.wasm, snippets/).
# The app's shell imports it on demand; ramp-embed.js loads it for portals.
# Its own target dir keeps Trunk's shell build from rebuilding each time.
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO_TARGET_DIR=target/flows scripts/wasm-module.sh target/ramp-flows ramp-flows -Oz wasm-release/ramp-web.wasm -- \
  --profile wasm-release -p ramp-web --bin ramp-web --no-default-features --features flows
rm -f target/ramp-flows/*.d.ts
