#!/usr/bin/env bash
# Makes a fresh machine ready, then runs the given command.
#
# The project needs Node.js 22 or newer and pnpm 10. A machine that has only an older Node and
# npm gets both from the npm registry into .tools/ (never globally, so the system Node stays as
# it is); then dependencies are installed from the lockfile.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
cd "$root"

say() { printf 'netpad: %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if ! command -v node >/dev/null 2>&1; then
  say "Node.js is not installed. Install Node.js 22 or newer (or any Node with npm, and run this again)."
  exit 1
fi

if [ "$(node_major node)" -lt 22 ]; then
  local_node="$tools/node22/node_modules/.bin/node"
  if [ ! -x "$local_node" ] || [ "$(node_major "$local_node")" -lt 22 ]; then
    say "Node $(node --version) is older than 22: installing Node 22 into .tools/node22 (one time, from the npm registry)…"
    npm install --prefix "$tools/node22" --no-save --no-audit --no-fund --loglevel=error node@22 >&2
  fi
  export PATH="$tools/node22/node_modules/.bin:$PATH"
  say "using Node $(node --version) from .tools/node22"
fi

pnpm_major() { pnpm --version 2>/dev/null | cut -d. -f1 || echo 0; }
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm_major)" != "10" ]; then
  if [ ! -x "$tools/pnpm/node_modules/.bin/pnpm" ]; then
    say "installing pnpm 10 into .tools/pnpm (one time, from the npm registry)…"
    npm install --prefix "$tools/pnpm" --no-save --no-audit --no-fund --loglevel=error pnpm@10 >&2
  fi
  export PATH="$tools/pnpm/node_modules/.bin:$PATH"
fi

# Native addons must be built against the Node that will load them, not the system's headers.
export npm_config_nodedir="$(dirname "$(dirname "$(realpath "$(command -v node)")")")"

say "installing dependencies from the lockfile…"
pnpm install --frozen-lockfile --prefer-offline --reporter=silent >&2 || pnpm install --frozen-lockfile >&2

exec "$@"
