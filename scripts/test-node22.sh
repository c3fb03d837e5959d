#!/usr/bin/env bash
# `npm run test:node22`: the unit and workflow tests again on Node 22, the oldest release
# package.json's `engines` accepts, while everything else runs on Node 24 (.ci/run). Node 22
# comes from the cache (scripts/prepare-node.sh, fetched once per machine). Vitest runs every
# test file in a fork of the node that started it, and the tests start their child processes
# with process.execPath, so one node on PATH covers the whole run, the native Temporal bridge
# included. The two projects run one after the other, as in `npm test`: together they would
# share the 2 cores with the time-skipping servers. Extra arguments go to both vitest runs
# (e.g. a test file; a run then finding no file of its project passes).
#
# All but the 2,500-unit cycle (test/workflows/scale.test.ts): it measures throughput and
# Temporal's limits, which do not depend on the Node release, and takes longer than every
# other workflow test together on a 2-core machine. Its small neighbour there, a shard that
# continues as new, still runs.
set -euo pipefail
cd "$(dirname "$0")/.."

node_bin=$(bash scripts/prepare-node.sh 22)
export PATH="$node_bin:$PATH"
version=$(node --version)
case "$version" in
  v22.*) echo "[node22] running the unit and workflow tests on node $version ($node_bin/node)" >&2 ;;
  *) echo "[node22] $node_bin/node is $version, not Node 22: point KYHAN_NODE22 at a Node 22 binary or unset it." >&2; exit 1 ;;
esac

vitest=(node node_modules/vitest/vitest.mjs run)
[ $# -eq 0 ] || vitest+=(--passWithNoTests)
"${vitest[@]}" --project unit "$@"
"${vitest[@]}" --project workflows -t '^(?!.*2,500 units)' "$@"
