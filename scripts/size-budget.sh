#!/usr/bin/env bash
# The app's weight, gzip -9, against three budgets (KB = 1024 bytes); fails
# when any is passed:
#   first download  what the first page fetches: index.html, the shell's glue
#                   and wasm, its wasm-bindgen snippets, the styles
#   embedded flow   what a portal's <ramp-wizard> fetches: ramp-embed.js, the
#                   pages module (glue, wasm, snippets; the engine is inside)
#                   and the styles
#   whole app       every built file (what the service worker keeps)
#   scripts/size-budget.sh [DIST] [FIRST_KB] [EMBEDDED_KB] [WHOLE_KB]
set -euo pipefail
dist="${1:-dist}"
first_kb="${2:-300}" embedded_kb="${3:-1024}" whole_kb="${4:-1536}"
[ -f "$dist/index.html" ] || { echo "size budget: $dist/index.html is missing; build the app first (make build)" >&2; exit 1; }
shopt -s nullglob
gz() { gzip -9c "$1" | wc -c; }
sum() { local t=0 f; for f in "$@"; do t=$((t + $(gz "$f"))); done; echo "$t"; }

css=("$dist"/*.css)
first=("$dist"/index.html "$dist"/*.wasm "$dist"/snippets/*/*.js "${css[@]}")
for f in "$dist"/*.js; do case "$(basename "$f")" in ramp-embed.js|sw.js) ;; *) first+=("$f") ;; esac; done
embedded=("$dist"/ramp-embed.js "$dist"/flows/*.js "$dist"/flows/*.wasm "$dist"/flows/snippets/*/*.js "${css[@]}")
mapfile -t whole < <(find "$dist" -type f | sort)

printf '%-44s %10s %10s\n' "file" "bytes" "gzip -9"
for f in "${whole[@]}"; do printf '%-44s %10d %10d\n' "${f#"$dist"/}" "$(wc -c <"$f")" "$(gz "$f")"; done
status=0
check() { # name total budget_kb files
  local budget=$(($3 * 1024))
  printf '%-44s %10s %10d  (budget %d KB = %d)\n' "$1 ($4 files)" "" "$2" "$3" "$budget"
  if [ "$2" -gt "$budget" ]; then
    echo "size budget: $1 is $2 bytes gzipped, over its $3 KB budget" >&2
    status=1
  fi
}
check "first download" "$(sum "${first[@]}")" "$first_kb" "${#first[@]}"
check "embedded flow" "$(sum "${embedded[@]}")" "$embedded_kb" "${#embedded[@]}"
check "whole app" "$(sum "${whole[@]}")" "$whole_kb" "${#whole[@]}"
exit $status
