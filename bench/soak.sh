#!/usr/bin/env bash
# Soak: ceremony after ceremony through one long-lived pipeline with thousands of screens coming and going;
# prints a line per round (latency, the gateway's heap after a full GC, GC, CPU) so that any growth shows.
#   SOAK_MINUTES=10 SOAK_CLIENTS=1000 SOAK_PACE_MS=500 bash bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f bench/target/bench.jar ]; then
  mvn -q -B -DskipTests package
fi
# Thousands of sockets: raise the open-files limit if we may.
ulimit -n 65536 2>/dev/null || true
exec java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.SoakBench
