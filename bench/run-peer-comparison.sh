#!/usr/bin/env bash
# Our gateway and the Node peer (bench/node-peer: ws + kafkajs) side by side in one run: one embedded broker, one
# Streams app, one replay through ingest; the clients are split evenly between the two gateways. Prints the table
# with a row per gateway, the ratio of delivered updates per second and the ratio of delivery p99s (peer / ours).
# BENCH_PEER_CLIENTS (default 6000: 3,000 on each) in all; BENCH_PEER_PACE_MS (default 600) between submits.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f bench/target/bench.jar ] || mvn -q -B -pl bench -am package -DskipTests
command -v node >/dev/null || { echo "node (v18+) is needed for the peer comparison" >&2; exit 1; }
( cd bench/node-peer && [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error )
# Raise the soft socket limit to the hard one when run on its own too (run.sh does the same).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "== peer comparison: ${BENCH_PEER_CLIENTS:-6000} screens split evenly, a submit every ${BENCH_PEER_PACE_MS:-600} ms"
BENCH_PEER=true BENCH_CLIENTS="${BENCH_PEER_CLIENTS:-6000}" BENCH_PACE_MS="${BENCH_PEER_PACE_MS:-600}" \
  exec java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.FanoutBench
