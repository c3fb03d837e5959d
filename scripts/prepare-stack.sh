#!/usr/bin/env bash
# Builds what the production topology without Docker runs (`npm run stack`, the stack tests),
# from package registries only:
#   - Temporal server and its temporal-sql-tool, from the Go module proxy, with the module's
#     schema/ (the versioned SQL the tool applies) and config/ (the sample configs) beside them;
#   - the Temporal Web UI server, from the Go module proxy (the UI's assets are embedded in it);
#   - PostgreSQL: Debian's `postgresql` package, installed only when no initdb is found;
#   - Node 24 (the workers' and web app's runtime) and Node 22, through scripts/prepare-node.sh.
# Builds are cached outside the checkout, keyed by version, like scripts/prepare-servers.sh,
# and appear whole or not at all (built in a temporary directory, then renamed), so two
# preparations at once cannot leave half a build. scripts/lib/stack-binaries.ts finds them.
# Set KYHAN_TEMPORAL_SERVER, KYHAN_TEMPORAL_SQL_TOOL, KYHAN_TEMPORAL_UI, KYHAN_PG_BIN, KYHAN_NODE or
# KYHAN_NODE22 to use your own builds instead.
set -euo pipefail

TEMPORAL_SERVER_VERSION=1.32.1   # go.temporal.io/server; docker-compose.yml runs the same release
TEMPORAL_UI_VERSION=2.54.1       # github.com/temporalio/ui-server/v2
CACHE_DIR="${KYHAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kyhan}"

# Temporary build directories: a build that fails or is interrupted leaves none behind
# (a finished one has been renamed away by then).
unfinished=()
trap 'rm -rf "${unfinished[@]}"' EXIT

say() { printf '[stack] %s\n' "$*" >&2; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

# An override must name an executable file; say which variable is wrong and how to fix it.
check_override() {
  local variable=$1 label=$2 what=$3 value=${!1}
  [ -x "$value" ] && [ -f "$value" ] || { say "$variable=$value is not an executable file: point it at $what or unset it."; exit 1; }
  say "$label: $value (from $variable)"
}

require_go() {
  command -v go >/dev/null 2>&1 && return
  say "Go not found: it builds the Temporal server and Web UI (first time only). Install Go (https://go.dev/doc/install),"
  say "or set KYHAN_TEMPORAL_SERVER, KYHAN_TEMPORAL_SQL_TOOL and KYHAN_TEMPORAL_UI to your own builds."
  exit 1
}

# Downloads a module (verified against go.sum's checksum database) and prints the directory
# the Go module cache unpacked it to. Run outside any module so no go.mod nearby interferes.
module_source() {
  local module=$1 version=$2 json
  if ! json=$(cd / && go mod download -json "$module@v$version"); then
    printf '%s\n' "$json" >&2
    say "go mod download $module@v$version failed (its answer above): check the Go module proxy (GOPROXY) is reachable."
    exit 1
  fi
  printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p'
}

# Moves a finished build into place unless another preparation got there first.
publish() {
  local tmp=$1 dir=$2
  if [ -e "$dir" ]; then rm -rf "$tmp"; else mv -T "$tmp" "$dir"; fi
}

prepare_temporal_server() {
  [ -n "${KYHAN_TEMPORAL_SERVER:-}" ] && check_override KYHAN_TEMPORAL_SERVER "temporal server" "a temporal-server binary"
  [ -n "${KYHAN_TEMPORAL_SQL_TOOL:-}" ] && check_override KYHAN_TEMPORAL_SQL_TOOL "temporal sql tool" "a temporal-sql-tool binary"
  # One build makes both: it is needed unless both are overridden.
  [ -n "${KYHAN_TEMPORAL_SERVER:-}" ] && [ -n "${KYHAN_TEMPORAL_SQL_TOOL:-}" ] && return
  local dir="$CACHE_DIR/temporal-server-$TEMPORAL_SERVER_VERSION"
  if [ -x "$dir/temporal-server" ]; then say "temporal server: $dir (cached)"; return; fi
  require_go
  local start; start=$(date +%s)
  say "temporal server: building v$TEMPORAL_SERVER_VERSION and its SQL tool with Go (first time only: about 7 minutes on 2 idle cores, longer on a busy machine)…"
  local source; source=$(module_source go.temporal.io/server "$TEMPORAL_SERVER_VERSION")
  [ -d "$source/cmd/server" ] || { say "temporal server: go mod download gave no source directory for go.temporal.io/server@v$TEMPORAL_SERVER_VERSION."; exit 1; }
  mkdir -p "$CACHE_DIR"
  local tmp; tmp=$(mktemp -d "$dir.tmp.XXXXXX") && chmod 755 "$tmp"   # mktemp makes it private
  unfinished+=("$tmp")
  # Static binaries, as Temporal's own releases are: no libc version to match at run time.
  (cd "$source" && CGO_ENABLED=0 go build -o "$tmp/" ./cmd/server ./cmd/tools/sql)
  mv "$tmp/server" "$tmp/temporal-server"
  mv "$tmp/sql" "$tmp/temporal-sql-tool"
  # The module cache is read-only: copies must be writable for a later rm -rf to work.
  cp -R "$source/schema" "$source/config" "$tmp/"
  chmod -R u+w "$tmp"
  publish "$tmp" "$dir"
  say "temporal server: built $dir/{temporal-server,temporal-sql-tool,schema,config} in $(elapsed "$start")"
}

prepare_temporal_ui() {
  if [ -n "${KYHAN_TEMPORAL_UI:-}" ]; then check_override KYHAN_TEMPORAL_UI "web ui" "a Temporal UI server binary"; return; fi
  local dir="$CACHE_DIR/temporal-ui-$TEMPORAL_UI_VERSION"
  if [ -x "$dir/temporal-ui-server" ]; then say "web ui: $dir/temporal-ui-server (cached)"; return; fi
  require_go
  local start; start=$(date +%s)
  say "web ui: building ui-server v$TEMPORAL_UI_VERSION with Go (first time only, a few minutes)…"
  local source; source=$(module_source github.com/temporalio/ui-server/v2 "$TEMPORAL_UI_VERSION")
  [ -d "$source/cmd/server" ] || { say "web ui: go mod download gave no source directory for github.com/temporalio/ui-server/v2@v$TEMPORAL_UI_VERSION."; exit 1; }
  mkdir -p "$CACHE_DIR"
  local tmp; tmp=$(mktemp -d "$dir.tmp.XXXXXX") && chmod 755 "$tmp"   # mktemp makes it private
  unfinished+=("$tmp")
  (cd "$source" && CGO_ENABLED=0 go build -o "$tmp/temporal-ui-server" ./cmd/server)
  publish "$tmp" "$dir"
  say "web ui: built $dir/temporal-ui-server in $(elapsed "$start")"
}

# The newest /usr/lib/postgresql/<major>/bin holding initdb (Debian's layout), else initdb's
# directory on PATH (other distributions); empty when there is none.
find_postgres_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$found" ]; then dirname "$found"; return; fi
  found=$(command -v initdb 2>/dev/null) && dirname "$found"
  return 0
}

# Debian's postgresql would create a cluster <major>/main and, where an init system runs services,
# start it on port 5432: a server nobody asked for, left running and holding the port. kyhan makes
# its own clusters. postgresql-common's documented switch turns that off; an administrator's own
# create_main_cluster setting is left as it is.
no_main_cluster() {
  local conf=/etc/postgresql-common/createcluster.conf
  grep -qs '^[[:space:]]*create_main_cluster' "$conf" && return
  mkdir -p "$(dirname "$conf")"
  echo 'create_main_cluster = false   # set by kyhan scripts/prepare-stack.sh' >> "$conf"
}

prepare_postgres() {
  if [ -n "${KYHAN_PG_BIN:-}" ]; then
    local tool
    for tool in initdb pg_ctl postgres; do
      [ -x "$KYHAN_PG_BIN/$tool" ] || { say "KYHAN_PG_BIN=$KYHAN_PG_BIN has no executable $tool: point it at PostgreSQL's bin directory or unset it."; exit 1; }
    done
    say "postgresql: $KYHAN_PG_BIN (from KYHAN_PG_BIN)"; return
  fi
  local bin; bin=$(find_postgres_bin)
  if [ -n "$bin" ]; then say "postgresql: $bin (installed)"; return; fi
  if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" -ne 0 ]; then
    say "postgresql: no initdb found (looked in /usr/lib/postgresql/*/bin and on PATH)."
    say "Fix: as root, run 'apt-get install -y postgresql' (or your system's PostgreSQL 15 or newer), or set KYHAN_PG_BIN to its bin directory."
    exit 1
  fi
  local start; start=$(date +%s)
  say "postgresql: installing Debian's postgresql with apt-get (first time only, about a minute)…"
  local log; log=$(mktemp)
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt-get instead of failing on its lock; update first, as the lists may be missing or stale.
  local apt=(apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
  # postgresql-common first, then postgresql: in between, tell it to create no cluster of its own.
  if ! { "${apt[@]}" update -qq >"$log" 2>&1 \
        && "${apt[@]}" install -y -qq --no-install-recommends postgresql-common >>"$log" 2>&1 \
        && no_main_cluster \
        && "${apt[@]}" install -y -qq --no-install-recommends postgresql >>"$log" 2>&1; }; then
    cat "$log" >&2; rm -f "$log"
    say "postgresql: apt-get install postgresql failed (output above). Fix the package source, or set KYHAN_PG_BIN."
    exit 1
  fi
  rm -f "$log"
  bin=$(find_postgres_bin)
  [ -n "$bin" ] || { say "postgresql: apt-get installed postgresql but no initdb is in /usr/lib/postgresql/*/bin; set KYHAN_PG_BIN."; exit 1; }
  say "postgresql: installed $bin in $(elapsed "$start")"
}

prepare_postgres
prepare_temporal_server
prepare_temporal_ui
bash "$(dirname "$0")/prepare-node.sh" 24 22 >/dev/null
