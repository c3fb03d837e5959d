#!/usr/bin/env bash
# Installs the browser kyhan's browser tests drive: Debian's `chromium` (/usr/bin/chromium),
# which playwright-core (pinned in package.json to the release that expects this Chromium)
# launches with `executablePath`. Playwright's own browser download cannot work on machines
# that reach package registries only.
#
# Fonts: fonts-dejavu-core covers Vietnamese, so screenshots show the diacritics.
#
# Idempotent and quiet: when /usr/bin/chromium (or KYHAN_CHROMIUM) exists it prints one line
# and exits. Otherwise it runs `apt-get install chromium` as root, through sudo when not root
# and sudo exists, or stops with a message saying what to do.
set -euo pipefail

CHROMIUM="${KYHAN_CHROMIUM:-/usr/bin/chromium}"

say() { printf '[browser] %s\n' "$*" >&2; }

if [ -n "${KYHAN_CHROMIUM:-}" ]; then
  [ -x "$CHROMIUM" ] || { say "KYHAN_CHROMIUM=$CHROMIUM is not an executable file: point it at a Chromium binary or unset it."; exit 1; }
  say "chromium: $CHROMIUM (from KYHAN_CHROMIUM)"
  exit 0
fi
if [ -x "$CHROMIUM" ]; then
  say "chromium: $CHROMIUM (installed)"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  say "chromium: $CHROMIUM not found and apt-get is not available here."
  say "Fix: install Chromium 156 (the release playwright-core 1.64 expects) and set KYHAN_CHROMIUM to its binary."
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo -n)
  if ! sudo -n true 2>/dev/null; then
    say "chromium: installing Debian's chromium needs root; sudo asks for your password:"
    as_root=(sudo)
  fi
else
  say "chromium: $CHROMIUM not found, and installing it needs root (no sudo here)."
  say "Fix: as root, run 'apt-get install -y chromium', or set KYHAN_CHROMIUM to a Chromium binary."
  exit 1
fi

start=$(date +%s)
say "chromium: installing Debian's chromium with apt-get (first time only, about a minute)…"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt-get (a second session, unattended upgrades) instead of failing on its lock.
apt=("${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
# The package lists may be missing (fresh containers) or stale (a 404 on a superseded version):
# update once, then install; on failure show apt's own output.
if ! { "${apt[@]}" update -qq >"$log" 2>&1 \
      && "${apt[@]}" install -y -qq --no-install-recommends chromium fonts-dejavu-core >>"$log" 2>&1; }; then
  cat "$log" >&2
  say "chromium: apt-get install chromium failed (output above). Fix the package source, or set KYHAN_CHROMIUM."
  exit 1
fi
if [ ! -x "$CHROMIUM" ]; then
  say "chromium: apt-get installed chromium but $CHROMIUM is missing; set KYHAN_CHROMIUM to its binary."
  exit 1
fi
say "chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM") in $(( $(date +%s) - start ))s"
