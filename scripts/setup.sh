#!/usr/bin/env bash
# Installs what `make test` and `make demo` need, skipping whatever is already present at
# the right version. Safe to run repeatedly. Usage: scripts/setup.sh [rust|nightly|wasm|browsers|node|all]...
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml | head -n1)
WASM_PACK_VERSION=0.15.1
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '[setup] %s\n' "$*" >&2; }

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# --locked first; the registry mirror here can lack a crate the upstream lock names
# (wasm-bindgen-cli 0.2.130 locks webpki-roots 1.0.11), so fall back to a fresh resolve.
cargo_install() {
  local name=$1 version=$2; shift 2
  cargo install "$name" --version "=$version" --locked -q "$@" 2>/dev/null \
    || cargo install "$name" --version "=$version" -q "$@"
}

setup_rust() {
  command -v cargo >/dev/null || { log "cargo is required (rustup)"; exit 1; }
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || { log "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
}

# Nightly only for the fuzz targets (cargo fuzz's sanitizer flags); the package builds on stable.
setup_nightly() {
  if ! cargo +nightly --version >/dev/null 2>&1; then
    log "rustup toolchain install nightly"; rustup toolchain install nightly --profile minimal
  fi
}

setup_wasm() {
  setup_rust
  if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
    log "cargo install wasm-pack $WASM_PACK_VERSION (~3 min)"
    cargo_install wasm-pack "$WASM_PACK_VERSION"
  fi
  # Must equal the wasm-bindgen in Cargo.lock exactly, or wasm-pack tries a download.
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
     || ! command -v wasm-bindgen-test-runner >/dev/null; then
    log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (~6 min)"
    cargo_install wasm-bindgen-cli "$WASM_BINDGEN_VERSION" --force
  fi
}

setup_browsers() {
  apt_install chromium chromium-driver firefox-esr
  command -v geckodriver >/dev/null || { log "cargo install geckodriver (~3 min)"; cargo install geckodriver --locked -q; }
}

setup_node() {
  command -v node >/dev/null || apt_install nodejs npm
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    # Not `npm ci`: the registry mirror here omits other platforms' optional packages
    # (e.g. @rollup/rollup-darwin-*), so the lock lacks them and `npm ci` refuses it;
    # `npm install` still installs the locked versions.
    log "npm install"; npm install --no-audit --no-fund --loglevel=error
  fi
}

[ $# -eq 0 ] && set -- all
for what in "$@"; do
  case "$what" in
    rust) setup_rust ;; nightly) setup_nightly ;; wasm) setup_wasm ;; browsers) setup_browsers ;; node) setup_node ;;
    all) setup_wasm; setup_browsers; setup_node ;;
    *) log "unknown: $what"; exit 2 ;;
  esac
done
