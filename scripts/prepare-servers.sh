#!/usr/bin/env bash
# Builds the two real Temporal servers kyhan's tests and `npm start` use, from package
# registries only (these machines cannot download the SDK's own server binaries):
#   - the Temporal CLI dev server, from the Go module proxy;
#   - the Java time-skipping test server, from Maven Central, behind a wrapper script.
# Both are cached outside the checkout, keyed by version, so a fresh clone on the same
# machine reuses them. Set KYHAN_TEMPORAL_CLI / KYHAN_TEST_SERVER to use your own builds.
# A machine with neither Go nor Java gets a notice and falls back to the SDK's download.
set -euo pipefail

TEMPORAL_CLI_VERSION=1.5.1   # later tags carry a `replace` directive: `go install` refuses them
TEST_SERVER_VERSION=1.38.0   # io.temporal:temporal-test-server, newest on Maven Central
CACHE_DIR="${KYHAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kyhan}"

say() { printf '[servers] %s\n' "$*" >&2; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

prepare_cli() {
  if [ -n "${KYHAN_TEMPORAL_CLI:-}" ]; then
    [ -x "$KYHAN_TEMPORAL_CLI" ] || { say "KYHAN_TEMPORAL_CLI=$KYHAN_TEMPORAL_CLI is not an executable file: point it at a 'temporal' binary or unset it."; exit 1; }
    say "dev server: $KYHAN_TEMPORAL_CLI (from KYHAN_TEMPORAL_CLI)"; return
  fi
  local dir="$CACHE_DIR/temporal-cli-$TEMPORAL_CLI_VERSION"
  if [ -x "$dir/temporal" ]; then say "dev server: $dir/temporal (cached)"; return; fi
  if ! command -v go >/dev/null 2>&1; then
    say "dev server: Go not found; tests fall back to the SDK's download (needs internet). Install Go or set KYHAN_TEMPORAL_CLI."
    return
  fi
  local start; start=$(date +%s)
  say "dev server: building temporal CLI v$TEMPORAL_CLI_VERSION with Go (first time only, a few minutes)…"
  mkdir -p "$dir.tmp"
  GOBIN="$dir.tmp" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
  say "dev server: built $dir/temporal in $(elapsed "$start")"
}

prepare_test_server() {
  if [ -n "${KYHAN_TEST_SERVER:-}" ]; then
    [ -x "$KYHAN_TEST_SERVER" ] || { say "KYHAN_TEST_SERVER=$KYHAN_TEST_SERVER is not an executable file: point it at a test server launcher or unset it."; exit 1; }
    say "time-skipping server: $KYHAN_TEST_SERVER (from KYHAN_TEST_SERVER)"; return
  fi
  local dir="$CACHE_DIR/temporal-test-server-$TEST_SERVER_VERSION"
  if [ -x "$dir/temporal-test-server" ]; then say "time-skipping server: $dir/temporal-test-server (cached)"; return; fi
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    say "time-skipping server: Java or Maven not found; tests fall back to the SDK's download (needs internet). Install a JDK and Maven or set KYHAN_TEST_SERVER."
    return
  fi
  local start; start=$(date +%s)
  say "time-skipping server: fetching io.temporal:temporal-test-server:$TEST_SERVER_VERSION from Maven Central…"
  local work; work=$(mktemp -d)
  cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kyhan</groupId><artifactId>test-server-fetch</artifactId><version>1</version>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>$TEST_SERVER_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp/lib"
  (cd "$work" && mvn -q -B dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir.tmp/lib")
  rm -rf "$work"
  # The SDK starts this launcher with the port as its only argument and stops it with
  # SIGKILL, so it must `exec` the JVM: a wrapper left alive would orphan the server.
  cat > "$dir.tmp/temporal-test-server" <<'SH'
#!/bin/sh
here=$(cd "$(dirname "$0")" && pwd)
exec java ${KYHAN_TEST_SERVER_JAVA_OPTS:--XX:+UseSerialGC} -cp "$here/lib/*" io.temporal.testserver.TestServer "$@"
SH
  chmod +x "$dir.tmp/temporal-test-server"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
  say "time-skipping server: ready at $dir/temporal-test-server in $(elapsed "$start")"
}

prepare_cli
prepare_test_server
