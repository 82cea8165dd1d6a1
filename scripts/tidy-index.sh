#!/usr/bin/env sh
# Drops the `integrity` attribute from the <link rel="preload" as="fetch">
# Trunk writes for the wasm file: browsers ignore integrity on fetch preloads
# and warn about it on every page load ("the integrity attribute is currently
# ignored for preload destinations that do not support subresource
# integrity"). The fetch that uses the preload carries no integrity either,
# so the preload still matches it; the module preloads keep theirs.
# Usage: scripts/tidy-index.sh DIST_DIR
set -eu
index="$1/index.html"
perl -0pi -e 's{(<link rel="preload"[^>]*?) integrity="[^"]*"([^>]*as="fetch")}{$1$2}g' "$index"
if grep -oE '<link rel="preload"[^>]*>' "$index" | grep 'as="fetch"' | grep -q 'integrity='; then
  echo "tidy-index: a fetch preload still carries integrity in $index" >&2
  exit 1
fi
