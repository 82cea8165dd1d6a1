#!/usr/bin/env bash
# One wasm module for JavaScript hosts: cargo builds it for wasm32, wasm-bindgen
# writes the ES-module glue (--target web), wasm-opt optimises it.
# Usage: scripts/wasm-module.sh OUT_DIR OUT_NAME OPT ARTIFACT -- CARGO_BUILD_ARGS…
#   OPT: a wasm-opt level (-Oz for size, -O3 for speed)
#   ARTIFACT: the .wasm cargo writes, relative to $CARGO_TARGET_DIR (default target)
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1" name="$2" opt="$3" artifact="$4"
shift 5
cargo build -q --target wasm32-unknown-unknown "$@"
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" --out-name "$name" "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$artifact"
wasm-opt "$opt" --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
