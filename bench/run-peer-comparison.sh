#!/usr/bin/env bash
# Our gateway and the Node peer (bench/node-peer: ws + kafkajs) side by side in one run: one embedded broker, one
# Streams app, one replay through ingest; the clients are split evenly between the two gateways. Prints the table
# with a row per gateway and the ratio of delivered updates per second. BENCH_PEER_CLIENTS (default 10000) in all.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f bench/target/bench.jar ] || mvn -q -B -pl bench -am package -DskipTests
command -v node >/dev/null || { echo "node (v18+) is needed for the peer comparison" >&2; exit 1; }
( cd bench/node-peer && [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error )
BENCH_PEER=true BENCH_CLIENTS="${BENCH_PEER_CLIENTS:-10000}" \
  exec java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.FanoutBench
