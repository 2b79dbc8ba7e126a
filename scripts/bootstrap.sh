#!/usr/bin/env bash
# Makes a fresh machine ready, then runs the given command.
#
# The project needs Node.js 24 or newer and pnpm 10. A machine that has only an older Node and
# npm gets both from the npm registry into .tools/ (never globally, so the system Node stays as
# it is); then dependencies are installed from the lockfile. Nothing is compiled: no dependency
# has a native build step (scripts/check-install.mjs keeps it that way).
#
# NETPAD_STORE_DIR, when set, is the pnpm package store to install from (CI points it at an empty
# folder so that nothing cached on the machine can hide a missing install step).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
cd "$root"

say() { printf 'netpad: %s\n' "$*" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if ! command -v node >/dev/null 2>&1; then
  say "Node.js is not installed. Install Node.js 24 or newer (or any Node with npm, and run this again)."
  exit 1
fi

if [ "$(node_major node)" -lt 24 ]; then
  local_node="$tools/node24/node_modules/.bin/node"
  if [ ! -x "$local_node" ] || [ "$(node_major "$local_node")" -lt 24 ]; then
    say "Node $(node --version) is older than 24: installing Node 24 into .tools/node24 (one time, from the npm registry)…"
    npm install --prefix "$tools/node24" --no-save --no-audit --no-fund --loglevel=error node@24 >&2
  fi
  export PATH="$tools/node24/node_modules/.bin:$PATH"
  say "using Node $(node --version) from .tools/node24"
fi

pnpm_major() { pnpm --version 2>/dev/null | cut -d. -f1 || echo 0; }
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm_major)" != "10" ]; then
  if [ ! -x "$tools/pnpm/node_modules/.bin/pnpm" ]; then
    say "installing pnpm 10 into .tools/pnpm (one time, from the npm registry)…"
    npm install --prefix "$tools/pnpm" --no-save --no-audit --no-fund --loglevel=error pnpm@10 >&2
  fi
  export PATH="$tools/pnpm/node_modules/.bin:$PATH"
fi

store=()
if [ -n "${NETPAD_STORE_DIR:-}" ]; then
  mkdir -p "$NETPAD_STORE_DIR"
  store=(--store-dir "$NETPAD_STORE_DIR")
  say "package store: $NETPAD_STORE_DIR"
fi

say "installing dependencies from the lockfile…"
started="$(now)"
pnpm install "${store[@]}" --frozen-lockfile --prefer-offline --reporter=silent >&2 || pnpm install "${store[@]}" --frozen-lockfile >&2
say "dependencies installed in $(since "$started") s"

exec "$@"
