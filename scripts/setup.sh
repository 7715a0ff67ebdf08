#!/usr/bin/env bash
# Installs everything Guichet needs to build and test, from the package registries only.
# Idempotent: each step checks what is already there and skips it. The first run on a fresh
# 2-core machine takes about 20 minutes (Trunk alone compiles for ~14); later runs take seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.22.1
BINARYEN_VERSION=132.0.0

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"

# The wasm-bindgen-cli version must equal the wasm-bindgen crate version in Cargo.lock.
wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
[ -n "$wasm_bindgen_version" ] || { echo "setup: cannot read wasm-bindgen's version from Cargo.lock" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

# Debian packages: the browser and its driver for tests; brotli to precompress the bundle.
missing=()
for pkg in chromium chromium-driver brotli; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "compiling Trunk $TRUNK_VERSION (about 14 minutes on 2 cores, once)"
  # 0.22.x declares a newer rust-version than it needs; it builds and runs on 1.95.
  cargo install "trunk@$TRUNK_VERSION" --locked --ignore-rust-version
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wasm_bindgen_version" ]; then
  say "compiling wasm-bindgen-cli $wasm_bindgen_version (about 3 minutes, once)"
  # Without --locked: its own lockfile pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

# wasm-opt from the npm build of binaryen (Debian's binaryen is too old and breaks the wasm).
if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
  say "installing binaryen $BINARYEN_VERSION (wasm-opt)"
  mkdir -p .tools
  [ -f .tools/package.json ] || echo '{"private": true}' > .tools/package.json
  npm install --prefix .tools --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
fi

# Playwright drives Debian's chromium; it never downloads a browser.
if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "installing the end-to-end test packages"
  (cd end2end && npm ci --no-audit --no-fund --silent)
fi

# Trunk builds offline (Trunk.toml): fetch the crates first.
cargo fetch --locked >/dev/null 2>&1 || cargo fetch
say "toolchain ready"
