#!/usr/bin/env bash
# The standard benchmark (README, "Benchmarks"; issue #14's targets): builds the bench jar if needed, then runs
#  (a) FanoutBench: 19,500 WebSocket clients on one gateway, the 74th Golden Globes replayed through ingest at a
#      submit every 1.5 s (BENCH_CLIENTS, BENCH_PACE_MS override);
#  (b) the same as fast as ingest answers (pace 0; BENCH_SKIP_FAST=true skips it): frames/s and p99;
#  (c) the side-by-side comparison with the Node peer, 3,000 + 3,000 clients, a submit every 600 ms
#      (bench/run-peer-comparison.sh; BENCH_SKIP_PEER=true skips it).
# Each prints its table; results go to bench/target/results/. Other BENCH_* variables (FanoutBench's javadoc) pass
# through to every run.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f bench/target/bench.jar ] || mvn -q -B -pl bench -am package -DskipTests
# More sockets than the default limit: raise the soft limit up to the hard one (raising the hard one needs root
# with CAP_SYS_RESOURCE). The limit is per process and the gateway and the client JVMs are separate processes, so
# 19,500 fit under a hard limit of 20,000; FanoutBench caps the client count to what the limit allows and says so.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
clients="${BENCH_CLIENTS:-19500}"
fanout() {
  java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.FanoutBench
}
echo "== (a) fan-out: $clients screens, a submit every ${BENCH_PACE_MS:-1500} ms"
BENCH_CLIENTS="$clients" BENCH_PACE_MS="${BENCH_PACE_MS:-1500}" fanout
if [ "${BENCH_SKIP_FAST:-false}" != "true" ]; then
  echo "== (b) fan-out: $clients screens, as fast as ingest answers (frames/s: the updates/s column)"
  BENCH_CLIENTS="$clients" BENCH_PACE_MS=0 fanout
fi
if [ "${BENCH_SKIP_PEER:-false}" != "true" ]; then
  echo "== (c) side by side with the Node peer"
  bash bench/run-peer-comparison.sh
fi
