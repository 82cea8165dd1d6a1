# Ramp — the two commands: `make run` and `make test`. Both install what is
# missing first (scripts/setup.sh; ~20 minutes the first time, seconds after).

RAMP_TOOLS ?= $(HOME)/.cache/ramp/tools
export RAMP_TOOLS
export PATH := $(RAMP_TOOLS)/bin:$(RAMP_TOOLS)/node_modules/.bin:$(PATH)
export CARGO_TERM_COLOR ?= never
BIND ?= 127.0.0.1:8080
SERVE_ARGS ?=
# gzip -9 budgets in KB (scripts/size-budget.sh), just above the figures of 2026-12-04
# (199,214 / 822,928 / 1,019,345 bytes; 1.5 to 3% of room) so that they cannot creep back; lower them with the weight.
SIZE_BUDGET_FIRST_KB ?= 200
SIZE_BUDGET_EMBEDDED_KB ?= 815
SIZE_BUDGET_WHOLE_KB ?= 1010
SHARED_VECTORS := $(wildcard vectors/official/*.json)

WASM_RUNNER := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
CHROME_ENV := WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver

.PHONY: run test setup setup-run build app cli js test-js dist-single lint test-native test-wasm-node test-wasm-chromium vectors examples compat size e2e bench bench-criterion bench-relay bench-web screenshots clean

## run: build everything and serve the app at http://$(BIND)/
run: build
	./target/release/ramp serve --bind $(BIND) --dist dist $(SERVE_ARGS)

## test: everything CI checks, stopping at the first failure
## (no incremental caches: a clean clone gains nothing from them and they cost disk;
## on failure the free disk space is printed, as a full disk once failed CI)
test: setup
	@start=$$(date +%s); \
	if CARGO_INCREMENTAL=0 $(MAKE) --no-print-directory lint test-native test-wasm-node test-wasm-chromium app size dist-single test-js vectors examples compat e2e; then \
	  echo "make test: all passed in $$(( $$(date +%s) - start )) s; target/ holds $$(du -sh target | cut -f1)"; \
	else \
	  echo "make test: failed after $$(( $$(date +%s) - start )) s; free disk: $$(df -h . | tail -1)" >&2; exit 1; \
	fi

setup:
	@scripts/setup.sh

## setup-run: only what building and running needs (the wasm target, wasm-bindgen, trunk, wasm-opt)
setup-run:
	@scripts/setup.sh run

build: setup-run app cli

app:
	trunk build --release --offline

cli:
	cargo build --release -p ramp

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p ramp-web -p ramp-js --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p ramp-js --features survey -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p ramp-sign -p ramp-core --lib --tests -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p ramp-bench --lib -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p ramp-web --no-default-features --features shell -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p ramp-web --no-default-features --features flows -- -D warnings

test-native:
	cargo test --workspace

test-wasm-node:
	$(WASM_RUNNER) cargo test --target wasm32-unknown-unknown -p ramp-sign -p ramp-core --lib --tests

test-wasm-chromium:
	$(WASM_RUNNER) $(CHROME_ENV) cargo test --target wasm32-unknown-unknown -p ramp-sign -p ramp-core --lib --tests

## dist-single: the app in one self-contained HTML file (dist-single/ramp.html) that runs from file://
dist-single: app
	node scripts/dist-single.mjs dist dist-single/ramp.html

## js: ramp-js (crates/js) for JavaScript hosts, with the survey driver, into target/ramp-js/, then its tests in Node and in headless Chromium
js:
	scripts/build-js.sh

test-js: js
	cd tests && node --test js/

## vectors: the conformance check anyone can run
vectors:
	cargo run -q -p ramp -- sign --vectors $(SHARED_VECTORS) vectors/*.json

## examples: the example policies stay in the canonical layout and meet their expected decisions
examples:
	cargo run -q -p ramp -- fmt --check examples/policies/*.json
	cargo run -q -p ramp -- test examples/decisions.yaml

## compat: the sandbox driven by Alibaba Cloud's official Python SDKs over HTTP (V3 and V1),
## plus concurrency and kill -9 durability
compat:
	cargo build -q -p ramp
	cd tests/compat && RAMP_BIN=../../target/debug/ramp $(RAMP_TOOLS)/venv/bin/python -W ignore::ResourceWarning \
		-m unittest -v sandbox_sdk_test audit_test sandbox_load_test

size:
	scripts/size-budget.sh dist $(SIZE_BUDGET_FIRST_KB) $(SIZE_BUDGET_EMBEDDED_KB) $(SIZE_BUDGET_WHOLE_KB)
	scripts/wasm-growth.sh dist BENCHMARKS.md

e2e: dist-single
	cargo build -q -p ramp
	cd tests && RAMP_BIN=../target/debug/ramp RAMP_DIST=../dist npm run -s e2e

## bench: Ramp side by side with the official SDKs and nginx — signing (native, wasm in
## Node and Chromium, the Python and Node SDKs), weight, policy engine, sandbox, relay,
## app — regenerating BENCHMARKS.md (tests/bench/report.mjs; the peers pinned)
bench: setup build
	cargo build -q --release -p ramp-bench
	scripts/build-js.sh
	scripts/build-bench-wasm.sh
	scripts/build-bench-wasm.sh speed
	cd tests/bench && npm ci --no-audit --no-fund --loglevel=error
	cd tests && node bench/report.mjs

## bench-criterion: criterion benches of signing, verification and the policy engine
bench-criterion: setup
	cargo bench -p ramp-bench --bench signing --bench policy --bench audit

## bench-relay: ramp serve's relay side by side with nginx (Debian's nginx and wrk, installed when missing)
bench-relay:
	scripts/bench-relay.sh 10 100 3

clean:
	cargo clean
	rm -rf dist dist-single tests/node_modules tests/bench/node_modules tests/artifacts

## screenshots: after `make e2e`, copy the screenshots docs/wizard.md shows (each flow, English and Chinese) into docs/
SCREENSHOTS := credentials teammate-applied team-group-applied share-owner share-accessing studio-visual access-review
screenshots:
	for s in $(SCREENSHOTS); do for l in en zh; do cp tests/artifacts/$$s-$$l.png docs/$$s-$$l.png; done; done
	cp tests/artifacts/portal-studio-zh.png docs/portal.png

## bench-web: the app in headless Chromium — first render, interactive, studio lint+simulate of a 6 KB policy — into BENCHMARKS.md
bench-web: build
	cd tests && RAMP_BIN=../target/release/ramp RAMP_DIST=../dist node bench/web.mjs
