#!/usr/bin/env bash
# Builds the bench workloads (crates/bench) for Node and Chromium into
# target/ramp-bench-wasm/ with the profile the app ships (opt-level "z",
# wasm-opt -Oz); with `speed` as $1, into target/ramp-bench-wasm-o3/ with
# opt-level 3 and wasm-opt -O3 instead.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  ""|speed) ;;
  *) echo "build-bench-wasm: the one argument is \"speed\" (opt-level 3, wasm-opt -O3); got \"$1\"" >&2; exit 2 ;;
esac
if [ "${1:-}" = speed ]; then
  scripts/wasm-module.sh target/ramp-bench-wasm-o3 ramp_bench -O3 release/ramp_bench.wasm -- --release -p ramp-bench --lib
else
  scripts/wasm-module.sh target/ramp-bench-wasm ramp_bench -Oz wasm-release/ramp_bench.wasm -- --profile wasm-release -p ramp-bench --lib
fi
