# The two commands a newcomer needs: `make demo` and `make test`. Both install what is
# missing first (scripts/setup.sh is idempotent).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

CONSUMER := tests/consumer
EMULATOR := target/debug/chat-emulator

.PHONY: all setup pkg emulator www-deps dashboard demo bench test lint test-rust test-wasm test-node test-types test-browser test-www test-hostile test-emulator-pkg fuzz size clean

all: pkg

setup:
	scripts/setup.sh all

## The npm package, assembled in pkg/ and installed into tests/consumer as a user would.
pkg:
	scripts/setup.sh wasm node
	scripts/build-pkg.sh
	scripts/build-emulator-pkg.sh
	scripts/install-consumer.sh

emulator:
	cargo build -p chat-emulator

## The dashboard's dependencies: Vite and the built package (a link to pkg/).
www-deps: pkg
	@if [ ! -d www/node_modules ] || [ www/package-lock.json -nt www/node_modules/.package-lock.json ]; then \
	  cd www && npm install --no-audit --no-fund --loglevel=error; fi

## Serves the dashboard against an emulator with the demo seed, until Ctrl-C.
dashboard: www-deps emulator
	node scripts/demo.mjs --dashboard-only

## Starts the emulator with the demo seed, runs the package against it, then serves the
## dashboard (kept open until Ctrl-C when run from a terminal).
demo: www-deps emulator
	node scripts/demo.mjs

## The package against a hand-written fetch client, side by side (reports; asserts nothing).
bench: pkg
	node bench/bench.mjs

## Everything: lints, native tests, wasm tests in Node/Chromium/Firefox, the packed
## package from Node (import and require), strict TypeScript, and the package in Chromium and Firefox.
test: setup lint test-rust pkg emulator www-deps test-wasm test-types size fuzz test-www test-hostile test-node test-browser test-emulator-pkg

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p tencent-chat-conversations --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy -p chat-emulator-wasm --target wasm32-unknown-unknown -- -D warnings

test-rust:
	cargo test --workspace

test-wasm: emulator
	scripts/test-wasm.sh

test-types:
	tsc -p $(CONSUMER)/tsconfig.json
	@echo "tsc --strict: consumer types compile; every @ts-expect-error misuse is rejected"

## The .wasm plus the JS bundled and minified (what a production bundle carries), gzip.
## Fails past 100,000 B; the target is 80,000 B (README, "Size and speed").
size:
	SIZE_BUDGET=100000 scripts/size.sh

test-node:
	CHAT_EMULATOR_BIN=$(CURDIR)/$(EMULATOR) node --test $(CONSUMER)/

## Hostile server answers (HTML pages, broken/huge/wrong-typed JSON, stalls, resets,
## redirects, never-ending walks) against the installed package, in Node, Chromium and Firefox.
test-hostile:
	node --test tests/hostile/

## Fuzzes the native core (nightly, cargo-fuzz): every fuzz/ target for FUZZ_SECONDS s.
FUZZ_SECONDS ?= 30
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

test-www:
	CHAT_EMULATOR_BIN=$(CURDIR)/$(EMULATOR) node --test tests/www/

test-browser:
	CHAT_EMULATOR_BIN=$(CURDIR)/$(EMULATOR) node --test tests/browser/

## The emulator's npm package as a user installs it (scripts/test-emulator-pkg.sh).
test-emulator-pkg: pkg emulator www-deps
	scripts/test-emulator-pkg.sh

clean:
	rm -rf pkg pkg-emulator target/pkg-build target/vite-app target/www-dist $(CONSUMER)/node_modules www/node_modules
