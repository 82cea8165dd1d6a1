#!/usr/bin/env bash
# Reports the app's initial download (HTML + JS + wasm + CSS in dist/, and the
# wasm-bindgen snippets the app's glue imports, each gzip -9) and fails when
# the total passes the budget. The engine under dist/engine/ loads on demand
# and is reported on its own.
#   scripts/size-budget.sh [DIST] [BUDGET_KB]     (KB = 1024 bytes)
set -euo pipefail
dist="${1:-dist}"
budget_kb="${2:-300}"
total=0
shopt -s nullglob
files=("$dist"/index.html "$dist"/*.js "$dist"/*.wasm "$dist"/*.css "$dist"/snippets/*/*.js)
# ramp-embed.js is a portal's entry point, not part of the app page's download.
files=("${files[@]/$dist\/ramp-embed.js}")
[ -f "$dist/index.html" ] || { echo "size budget: $dist/index.html is missing; build the app first (make build)" >&2; exit 1; }
printf '%-48s %10s %10s\n' "file" "bytes" "gzip -9"
for f in "${files[@]}"; do
  [ -n "$f" ] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9c "$f" | wc -c)
  total=$((total + gz))
  printf '%-48s %10d %10d\n' "$(basename "$f")" "$raw" "$gz"
done
budget=$((budget_kb * 1024))
for f in "$dist"/ramp-embed.js; do
  printf '%-48s %10d %10d  (portals only, not counted)\n' "$(basename "$f")" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
done
for f in "$dist"/flows/*.js "$dist"/flows/*.wasm; do
  printf '%-48s %10d %10d  (on demand, not counted)\n' "flows/$(basename "$f")" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
done
for f in "$dist"/engine/*; do
  printf '%-48s %10d %10d  (on demand, not counted)\n' "engine/$(basename "$f")" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
done
printf '%-48s %10s %10d  (budget %d = %d KB)\n' "initial download" "" "$total" "$budget" "$budget_kb"
if [ "$total" -gt "$budget" ]; then
  echo "size budget: the app's initial download is $total bytes gzipped, over the $budget_kb KB budget" >&2
  exit 1
fi
