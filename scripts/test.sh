#!/usr/bin/env bash
# `npm test`: the whole set-up the suites need, then the suites, on a fresh clone as on a developer's machine.
#
#   npm test                          unit, integration, e2e and fault suites
#   npm test -- unit e2e              the kinds named (unit, int, e2e, faults)
#   npm test -- --at 19:30 unit e2e   the same with the wall clock set to that UTC time of today (Debian's faketime)
#
# It installs (scripts/install.sh), makes sure PostgreSQL is up (scripts/postgres.sh ensure), starts the Kafka broker
# unless one runs (scripts/kafka.sh) and stops it afterwards, runs every kind named even when one fails, and ends with
# one line that adds them all up. Under CI=true, PostgreSQL or Kafka that cannot be had fails the run; elsewhere their
# suites skip with a loud warning.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

at=""
kinds=()
while (($# > 0)); do
  case "$1" in
    --at)
      [[ "${2:-}" =~ ^([01][0-9]|2[0-3]):[0-5][0-9]$ ]] || { echo "test.sh: --at takes a UTC time HH:MM, got '${2:-}'" >&2; exit 2; }
      at="$2"
      shift 2
      ;;
    unit | int | e2e | faults) kinds+=("$1"); shift ;;
    *) echo "test.sh: unknown argument '$1' (kinds: unit, int, e2e, faults; option: --at HH:MM)" >&2; exit 2 ;;
  esac
done
((${#kinds[@]} > 0)) || kinds=(unit int e2e faults)

needed() {
  if ! "$@"; then
    [[ "${CI:-}" == true ]] && { echo "test.sh: '$*' failed, and CI needs it" >&2; exit 1; }
    echo "*** WARNING: '$*' failed: the suites that need it will skip ***" >&2
  fi
}

scripts/install.sh
needed scripts/postgres.sh ensure
if ! scripts/kafka.sh status >/dev/null 2>&1; then
  # The trap first: a start that fails half-way must not leave a broker behind.
  trap 'scripts/kafka.sh stop >/dev/null 2>&1 || true' EXIT
  needed scripts/kafka.sh start
fi

# Each run's reports are named after the Node.js major and the hour, so that runs in a row keep theirs.
label="node$(node -p 'process.versions.node.split(".")[0]')${at:+-at${at/:/}}"
clock=()
exclude=()
if [[ -n "$at" ]]; then
  command -v faketime >/dev/null || { echo "test.sh: --at needs Debian's faketime (apt-get install faketime)" >&2; exit 1; }
  # Today's date: the fixtures' event times must not lie in the future. Monotonic time stays real, so timeouts hold.
  clock=(env FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$(date -u +%F) $at:00")
  # Chromium and the Java broker do not run under faketime: the browser and distributed suites run at the real hour.
  # Given on the command line, the list replaces Jest's default, so it names node_modules again.
  exclude=(--testPathIgnorePatterns '/node_modules/' '/apps/dashboard/test/' '/test/distributed/')
fi

mkdir -p test-artifacts
reports=()
status=0
for kind in "${kinds[@]}"; do
  report="test-artifacts/jest-$kind-$label.json"
  rm -f "$report"
  reports+=("$report")
  echo "=== $kind suite (Node.js $(node --version)${at:+, at $at UTC})"
  "${clock[@]}" npm run "test:$kind" -- --json --outputFile="$report" "${exclude[@]}" || status=$?
done
node scripts/test-summary.mjs "${reports[@]}"
exit "$status"
