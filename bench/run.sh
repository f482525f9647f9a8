#!/usr/bin/env bash
# The standard benchmark (README, "Benchmarks"): builds the bench jar if needed, runs FanoutBench with its defaults
# (20,000 WebSocket clients on one gateway, the 74th Golden Globes replayed through ingest as fast as it answers),
# then the side-by-side comparison with the Node peer. Each prints its table; results go to bench/target/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f bench/target/bench.jar ] || mvn -q -B -pl bench -am package -DskipTests
# More sockets than the default limit: raise the soft limit up to the hard one (raising the hard one needs root
# with CAP_SYS_RESOURCE; FanoutBench caps the client count to what the limit allows and says so).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.FanoutBench
if [ "${BENCH_SKIP_PEER:-false}" != "true" ]; then
  bash bench/run-peer-comparison.sh
fi
