# The two commands a newcomer needs: `make demo` and `make test`. Both install what is
# missing first (scripts/setup.sh is idempotent).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

CONSUMER := tests/consumer
EMULATOR := target/debug/chat-emulator

.PHONY: all setup pkg emulator www-deps dashboard demo bench docs test test-all test-fuzz lint lint-pkg test-rust test-wasm test-node test-types test-docs test-browser test-www test-hostile test-emulator-pkg test-runtimes fuzz size clean

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
bench: pkg emulator
	node bench/bench.mjs

## The API reference, HTML, from the declarations the package ships (pkg/*.d.ts), into
## target/docs. Undocumented exports are reported (test-docs makes them errors).
docs: pkg
	typedoc --options typedoc.json
	@echo "API reference: target/docs/index.html"

## Everything, as phases in this order: lints, native tests, wasm tests in Node/Chromium/
## Firefox, strict TypeScript, package lints, the API reference, size, a short fuzz, the
## dashboard, hostile answers, the packed package in Node (import and require) and in
## Chromium and Firefox (the case matrix), and the emulator's npm package.
## One phase a line: add a target here and `make test` runs, times and reports it.
## scripts/phases.sh runs each as its own `make`, prints how long each took, and stops at
## the first failure; the last phase ends the output with its test runner's summary.
TEST_PHASES += setup
TEST_PHASES += lint
TEST_PHASES += test-rust
TEST_PHASES += pkg
TEST_PHASES += emulator
TEST_PHASES += www-deps
TEST_PHASES += test-wasm
TEST_PHASES += test-types
TEST_PHASES += lint-pkg
TEST_PHASES += test-docs
TEST_PHASES += size
TEST_PHASES += test-fuzz
TEST_PHASES += test-www
TEST_PHASES += test-hostile
TEST_PHASES += test-node
TEST_PHASES += test-browser
TEST_PHASES += test-emulator-pkg
TEST_PHASES += test-runtimes

test:
	MAKE="$(MAKE)" scripts/phases.sh $(TEST_PHASES)

## The phases as one make run, untimed (e.g. `make -k test-all` to see every failure).
test-all: $(TEST_PHASES)

## Module cycles are checked per crate (the core and the emulator's), after the checker's
## own test; `scripts/check-cycles.py --graph src` prints the core's module graph.
lint:
	cargo fmt --all -- --check
	python3 scripts/check-cycles.py --self-test
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p tencent-chat-conversations --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy -p chat-emulator-wasm --target wasm32-unknown-unknown -- -D warnings

test-rust:
	cargo test --workspace

test-wasm: emulator
	scripts/test-wasm.sh

## Strict TypeScript: a consumer's code against the shipped declarations, then the shipped
## JS itself (entries, ChatError, the CLI; each file opts in with // @ts-check).
JS_CHECKED := index.js index.mjs index.cjs workerd.js node-api.cjs glue.js glue.cjs chat-error.js chat-error.cjs guard.js guard.cjs bin/tencent-chat.cjs bin/commands.cjs bin/lifecycle.cjs bin/connection.cjs bin/output.cjs bin/usage.cjs bin/bulk.cjs bin/csv.cjs
test-types:
	tsc -p $(CONSUMER)/tsconfig.json
	@echo "tsc --strict: consumer types compile; every @ts-expect-error misuse is rejected"
	@unchecked=$$(cd pkg && grep -L '^// @ts-check$$' $(JS_CHECKED) || true); \
	  if [ -n "$$unchecked" ]; then echo "no // @ts-check line in pkg/: $$unchecked" >&2; exit 1; fi
	tsc -p $(CONSUMER)/tsconfig.js.json
	@echo "tsc --strict, // @ts-check: the package's entries, ChatError and CLI type-check"

## The packed tarball (npm pack of pkg/) through publint and arethetypeswrong (node10,
## node16 CJS and ESM, bundler); any message fails.
lint-pkg:
	node scripts/lint-pkg.mjs

## The API reference with every typedoc warning an error, undocumented exports included.
test-docs:
	typedoc --options typedoc.json --treatWarningsAsErrors

## The .wasm plus the JS bundled and minified (what a production bundle carries), gzip.
## Fails past 120,000 B (nine endpoints); the target is 80,000 B (docs/performance.md).
size:
	SIZE_BUDGET=120000 scripts/size.sh

## The installed package from Node, the CLI and its bulk runner included. Four files at a
## time: the bulk suites spend most of their time waiting on the emulator's rate limit.
test-node:
	CHAT_EMULATOR_BIN=$(CURDIR)/$(EMULATOR) node --test --test-concurrency=4 $(CONSUMER)/

## Hostile server answers (HTML pages, broken/huge/wrong-typed JSON, stalls, resets,
## redirects, never-ending walks) against the installed package, in Node, Chromium and Firefox.
test-hostile:
	node --test tests/hostile/

## Fuzzes the native core (nightly, cargo-fuzz): every fuzz/ target for FUZZ_SECONDS s.
## `make test` runs the same targets for TEST_FUZZ_SECONDS s each (test-fuzz): a smoke run
## that the committed seeds still pass and nothing new crashes at once; `make fuzz` is the
## search (and `FUZZ_SECONDS=600 make fuzz` a long one).
FUZZ_SECONDS ?= 30
TEST_FUZZ_SECONDS ?= 3
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

test-fuzz:
	scripts/fuzz.sh $(TEST_FUZZ_SECONDS)

test-www:
	CHAT_EMULATOR_BIN=$(CURDIR)/$(EMULATOR) node --test tests/www/

test-browser:
	CHAT_EMULATOR_BIN=$(CURDIR)/$(EMULATOR) node --test tests/browser/

## The emulator's npm package as a user installs it (scripts/test-emulator-pkg.sh).
test-emulator-pkg: pkg emulator www-deps
	scripts/test-emulator-pkg.sh

## Both packed packages where dashboards and scripts run (tests/runtimes/): Next.js 16
## (Turbopack and webpack), a Cloudflare Worker bundled by wrangler and run in workerd,
## Deno, Bun, and module Web Workers in Chromium and Firefox. Installs that project's
## pinned tools once (npm ci) and the tarballs when they change; caches its builds.
test-runtimes: pkg
	tests/runtimes/install.sh
	node --test tests/runtimes/

clean:
	rm -rf pkg pkg-emulator tests/runtimes/.work target/pkg-build target/vite-app target/www-dist target/docs target/lint-pkg $(CONSUMER)/node_modules www/node_modules
