#!/usr/bin/env bash
# Builds ramp-js (crates/js) for JavaScript hosts: ramp.js (ES module,
# wasm-bindgen --target web), ramp.d.ts, ramp_bg.wasm (size-optimised profile,
# then wasm-opt -Oz), and reports its gzip size.
#   scripts/build-js.sh         the package for portals, with the survey driver
#                               (feature `survey`), into target/ramp-js/
#   scripts/build-js.sh engine  the app's engine, without it, into target/ramp-engine/
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  "") out=target/ramp-js; features=(--features survey) ;;
  engine) out=target/ramp-engine; features=() ;;
  *) echo "build-js: the one argument is \"engine\" (the app's engine, no survey driver); got \"$1\"" >&2; exit 2 ;;
esac
scripts/wasm-module.sh "$out" ramp -Oz wasm-release/ramp_js.wasm -- --profile wasm-release -p ramp-js "${features[@]}"
cp crates/js/README.md "$out/README.md"
printf 'ramp-js: %s (wasm %s bytes, %s gzip -9; glue %s gzip -9)\n' "$out" \
  "$(stat -c %s "$out/ramp_bg.wasm")" "$(gzip -9c "$out/ramp_bg.wasm" | wc -c)" "$(gzip -9c "$out/ramp.js" | wc -c)"
