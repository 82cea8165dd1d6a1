#!/usr/bin/env bash
# Fails when a release wasm in DIST is more than 10% larger than the size
# recorded for it in BENCHMARKS.md (`<!-- wasm-record NAME BYTES -->` lines,
# written by `make bench`). Growing on purpose: update the record in the same
# change. Names drop Trunk's hash: ramp-web_bg.wasm, flows/…, engine/….
# Usage: scripts/wasm-growth.sh [DIST] [RECORD]
set -euo pipefail
dist="${1:-dist}" record="${2:-BENCHMARKS.md}"
grep -q '<!-- wasm-record ' "$record" || { echo "wasm-growth: no wasm record in $record (run make bench)" >&2; exit 1; }
status=0
while read -r _ _ name bytes _; do
  pattern="$dist/${name/_bg.wasm/-*_bg.wasm}"
  # shellcheck disable=SC2086
  file=$(ls $pattern "$dist/$name" 2>/dev/null | head -1 || true)
  if [ -z "$file" ]; then
    echo "wasm-growth: $name is recorded but not built in $dist" >&2; status=1; continue
  fi
  size=$(stat -c %s "$file")
  limit=$((bytes + bytes / 10))
  if [ "$size" -gt "$limit" ]; then
    echo "wasm-growth: $name is $size bytes, more than 10% over the $bytes recorded in $record (limit $limit): make it smaller, or update the record (make bench) in this change" >&2
    status=1
  else
    printf 'wasm-growth: %-28s %9d bytes (recorded %d, limit %d)\n' "$name" "$size" "$bytes" "$limit"
  fi
done < <(grep -o '<!-- wasm-record [^ ]* [0-9]* -->' "$record")
exit $status
