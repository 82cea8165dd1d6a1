#!/usr/bin/env bash
# Writes DIR/ramp-embed.js: the <ramp-wizard> custom element and mount(), for
# portals that embed Ramp. It loads this build's hashed glue, wasm and styles
# from wherever ramp-embed.js itself is served.
#   scripts/write-embed.sh DIR        (run by Trunk's post_build hook)
set -euo pipefail
dir="$1"
index="$dir/index.html"
# Portals get the flows module (it has the flow pages and mount()).
glue=flows/ramp-flows.js
wasm=flows/ramp-flows_bg.wasm
css=$(grep -o 'rel="stylesheet" href="/[^"]*\.css"' "$index" | head -1 | sed 's|rel="stylesheet" href="/||; s|"||')
[ -f "$dir/$glue" ] && [ -f "$dir/$wasm" ] && [ -n "$css" ] || { echo "write-embed: cannot find the glue, wasm and css in $index" >&2; exit 1; }
sed -e "s|@GLUE@|$glue|" -e "s|@WASM@|$wasm|" -e "s|@CSS@|$css|" scripts/ramp-embed.template.js > "$dir/ramp-embed.js"
