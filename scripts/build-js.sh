#!/usr/bin/env bash
# Builds ramp-js (crates/js) for JavaScript hosts into target/ramp-js/:
# ramp.js (ES module, wasm-bindgen --target web), ramp.d.ts, ramp_bg.wasm
# (size-optimised profile, then wasm-opt -Oz), and reports its gzip size.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/ramp-js
scripts/wasm-module.sh "$out" ramp -Oz wasm-release/ramp_js.wasm -- --profile wasm-release -p ramp-js
cp crates/js/README.md "$out/README.md"
printf 'ramp-js: %s (wasm %s bytes, %s gzip -9; glue %s gzip -9)\n' "$out" \
  "$(stat -c %s "$out/ramp_bg.wasm")" "$(gzip -9c "$out/ramp_bg.wasm" | wc -c)" "$(gzip -9c "$out/ramp.js" | wc -c)"
