#!/usr/bin/env bash
# Installs what building and testing Ramp needs (`setup.sh run`: only what
# building and running needs — no apt, no root), from the package registries only
# (the Rust crate registry, npm, Debian). Idempotent: a tool whose --version already matches is
# skipped. Tools live outside the repository, in $RAMP_TOOLS (default
# ~/.cache/ramp/tools). The first run takes about 20 minutes (two cargo installs).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/versions.env
TOOLS="${RAMP_TOOLS:-$HOME/.cache/ramp/tools}"
export PATH="$TOOLS/bin:$TOOLS/node_modules/.bin:$PATH"
mkdir -p "$TOOLS"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
version_matches() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"; }
retry() { "$@" || { say "retrying once: $*"; sleep 3; "$@"; }; }

# The pins must agree, or Cargo.lock and the installed CLI drift apart.
grep -qF "wasm-bindgen = \"=$WASM_BINDGEN_VERSION\"" Cargo.toml || { echo "Cargo.toml does not pin wasm-bindgen =$WASM_BINDGEN_VERSION" >&2; exit 1; }
grep -qF "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml || { echo "Trunk.toml [tools] does not name wasm-bindgen $WASM_BINDGEN_VERSION" >&2; exit 1; }
grep -qF "wasm_opt = \"version_$BINARYEN_VERSION\"" Trunk.toml || { echo "Trunk.toml [tools] does not name wasm-opt version_$BINARYEN_VERSION" >&2; exit 1; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target (rustup): the app and ramp-core's browser tests compile to it"
  retry rustup target add wasm32-unknown-unknown
fi

if ! version_matches wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo, ~8 min): generates the JS glue and runs wasm tests"
  retry cargo install --root "$TOOLS" wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! version_matches trunk "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (cargo, debug build, ~5 min): builds the web app"
  # trunk 0.22 declares rustc 1.96 but builds and works on 1.95; a debug build behaves the same and compiles 3x faster.
  retry cargo install --root "$TOOLS" trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version --debug --force
fi

if ! version_matches wasm-opt "version $BINARYEN_VERSION"; then
  say "installing wasm-opt from the npm package binaryen@$BINARYEN_VERSION: shrinks the app's wasm (Debian's binaryen is too old)"
  retry npm install --prefix "$TOOLS" --no-audit --no-fund --save-exact "binaryen@$BINARYEN_VERSION" >/dev/null
fi

# `scripts/setup.sh run` (what `make run` calls) stops here: running Ramp needs
# only the tools above. Testing and benchmarking need the rest.
if [ "${1:-test}" = run ]; then
  say "tools for running ready in $TOOLS (make test installs the test tools)"
  exit 0
fi

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  say "installing Debian's chromium and chromium-driver (apt): the browser tests run in headless Chromium"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  retry $SUDO apt-get update -qq
  retry $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi

if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  say "installing Debian's fonts-noto-cjk (apt): Chinese text in the browser tests' screenshots"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  retry $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk
fi

venv="$TOOLS/venv"
if ! cmp -s tests/compat/requirements.txt "$venv/.ramp-requirements" 2>/dev/null; then
  say "installing Alibaba Cloud's official Python SDKs, pinned (pip, into $venv): the sandbox's compatibility tests use them as clients"
  rm -rf "$venv"
  python3 -m venv "$venv"
  retry "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/compat/requirements.txt
  cp tests/compat/requirements.txt "$venv/.ramp-requirements"
fi

stamp=tests/node_modules/.ramp-lock
if ! cmp -s tests/package-lock.json "$stamp" 2>/dev/null; then
  say "installing the end-to-end tests' Node packages (npm ci, from tests/package-lock.json)"
  (cd tests && retry npm ci --no-audit --no-fund >/dev/null)
  cp tests/package-lock.json "$stamp"
fi
say "tools ready in $TOOLS"
