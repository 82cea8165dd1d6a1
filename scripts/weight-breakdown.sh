#!/usr/bin/env bash
# Where the app's wasm weight is: each module's code and data grouped by the
# crate (or part of ramp-web) it comes from, in KB after wasm-bindgen and
# before wasm-opt (which takes off another 7-10%, evenly). Reads the builds
# `make app` leaves in target/ (shell, flows, engine); needs twiggy
# (`cargo install twiggy --locked`, from the Rust crate registry) and python3.
# Usage: scripts/weight-breakdown.sh   (prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v twiggy >/dev/null || { echo "weight-breakdown: needs twiggy: cargo install twiggy --locked" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for module in shell:target/wasm32-unknown-unknown/wasm-release/ramp-web.wasm \
              flows:target/flows/wasm32-unknown-unknown/wasm-release/ramp-web.wasm \
              engine:target/wasm32-unknown-unknown/wasm-release/ramp_js.wasm; do
  name=${module%%:*} wasm=${module#*:}
  [ -f "$wasm" ] || { echo "weight-breakdown: $wasm missing; run make app first" >&2; exit 2; }
  wasm-bindgen --target web --out-dir "$tmp/$name" --out-name m "$wasm"
  twiggy top -n 100000 --format csv "$tmp/$name/m_bg.wasm" > "$tmp/$name.csv"
done
python3 - "$tmp" <<'PY'
import csv, collections, re, sys
groups = [
    ("ramp-web: studio and credentials pages", r"ramp_web::pages::(studio|credentials)"),
    ("ramp-web: the other pages, components, embed; ramp-js", r"ramp_web|ramp_js"),
    ("ramp-core: plan (intents, runner, exports)", r"ramp_core::plan"),
    ("ramp-core: policy engine", r"ramp_core::policy"),
    ("ramp-core: api, verify, diff, vectors", r"ramp_core"),
    ("ramp-sign", r"ramp_sign"),
    ("sha1, sha2, hmac, base64", r"\b(sha1|sha2|hmac|base64|digest|block_buffer)"),
    ("yew", r"\b(yew|implicit_clone|prokio|gloo)"),
    ("serde, serde_json", r"\b(serde|serde_json|serde_core|zmij|itoa|ryu)"),
    ("wasm-bindgen, js-sys, web-sys", r"\b(wasm_bindgen|js_sys|web_sys|__wbg|__wbindgen)"),
    ("Rust std (core, alloc, fmt, dlmalloc, hashbrown)", r"\b(core|alloc|std|dlmalloc|hashbrown|compiler_builtins|memchr)"),
    ("static data (strings, tables)", r"^data segment|^data\["),
    ("other", r""),
]
modules = ["shell", "flows", "engine"]
kb = {m: collections.Counter() for m in modules}
for m in modules:
    for row in csv.DictReader(open(f"{sys.argv[1]}/{m}.csv")):
        name = row["Name"]
        if name.startswith("custom section") or "subsection" in name:
            continue
        group = next(g for g, pattern in groups if re.search(pattern, name))
        kb[m][group] += int(row["ShallowSize"])
print("| KB (after wasm-bindgen, before wasm-opt) | " + " | ".join(modules) + " |")
print("|---|" + "---:|" * len(modules))
for group, _ in groups:
    print(f"| {group} | " + " | ".join(f"{kb[m][group] / 1000:.0f}" for m in modules) + " |")
print("| total | " + " | ".join(f"{sum(kb[m].values()) / 1000:.0f}" for m in modules) + " |")
PY
