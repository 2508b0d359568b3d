# The two commands a newcomer needs: `make demo` and `make test`. Both install what is
# missing first (scripts/setup.sh is idempotent).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

CONSUMER := tests/consumer
EMULATOR := target/debug/chat-emulator

.PHONY: all setup pkg emulator demo test lint test-rust test-wasm test-node test-types test-browser size clean

all: pkg

setup:
	scripts/setup.sh all

## The npm package, assembled in pkg/ and installed into tests/consumer as a user would.
pkg:
	scripts/setup.sh wasm node
	scripts/build-pkg.sh
	scripts/install-consumer.sh

emulator:
	cargo build -p chat-emulator

## Starts the emulator with the demo seed and runs the package against it.
demo: pkg emulator
	node scripts/demo.mjs

## Everything: lints, native tests, wasm tests in Node/Chromium/Firefox, the packed
## package from Node (import and require), strict TypeScript, and browsers via playwright.
test: setup lint test-rust pkg emulator test-wasm test-types size test-node test-browser

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p tencent-chat-conversations --target wasm32-unknown-unknown --all-targets -- -D warnings

test-rust:
	cargo test --workspace

test-wasm: emulator
	scripts/test-wasm.sh

test-types:
	tsc -p $(CONSUMER)/tsconfig.json
	@echo "tsc --strict: consumer types compile; every @ts-expect-error misuse is rejected"

size:
	scripts/size.sh

test-node:
	CHAT_EMULATOR_BIN=$(CURDIR)/$(EMULATOR) node --test $(CONSUMER)/

test-browser:
	CHAT_EMULATOR_BIN=$(CURDIR)/$(EMULATOR) node --test tests/browser/

clean:
	rm -rf pkg target/pkg-build target/vite-app $(CONSUMER)/node_modules
