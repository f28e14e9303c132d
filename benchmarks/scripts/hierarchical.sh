#!/usr/bin/env bash
# Re-runs every hierarchical benchmark behind docs/benchmarks.md (## Hierarchical), in one command:
#   JMH: Segmint vs Smile 6.3 and ELKI 0.8.0 at n = 10,000 and 20,000 (d = 8), Segmint alone at 100,000 and
#        the two-stage path at 1,000,000; SciPy/fastcluster on the same points (identical merges checked);
#        two-stage agreement with exact ward (ARI, SSE).
# Usage: benchmarks/scripts/hierarchical.sh            (from anywhere; results in benchmarks/target/hierarchical)
# Environment: JAVA (a JDK 25 java; default: the Temurin 25 under /usr/lib/jvm, else `java`),
#              JMH_ARGS (default "-f 1 -wi 1 -i 3"), PEERS (a JMH -p peer=... filter, default all),
#              OUT (result folder). Needs python3-scipy and python3-fastcluster for the SciPy part (skipped if absent).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -1)}
JAVA=${JAVA:-java}
JMH_ARGS=${JMH_ARGS:--f 1 -wi 1 -i 3}
OUT=${OUT:-benchmarks/target/hierarchical}
mkdir -p "$OUT"
mvn -B -q -pl benchmarks -am package -DskipTests
JAR=benchmarks/target/benchmarks.jar
{ uname -a; nproc; grep -m1 'model name' /proc/cpuinfo || true; "$JAVA" -version 2>&1; } > "$OUT/machine.txt"
# shellcheck disable=SC2086
"$JAVA" -jar "$JAR" 'HierarchicalBenchmark' $JMH_ARGS ${PEERS:+-p peer=$PEERS} -rf json -rff "$OUT/peers.json" \
  | tee "$OUT/peers.log"
# shellcheck disable=SC2086
"$JAVA" -jar "$JAR" 'HierarchicalLargeBenchmark' $JMH_ARGS -rf json -rff "$OUT/large.json" | tee "$OUT/large.log"
"$JAVA" -Xmx4g -cp "$JAR" dev.segmint.benchmarks.hierarchical.ExportHierarchical "$OUT" 10000 20000
if /usr/bin/python3 -c 'import scipy, fastcluster' 2>/dev/null; then
  /usr/bin/python3 benchmarks/scripts/scipy_hierarchical.py "$OUT" 10000 20000 | tee "$OUT/scipy.txt"
else
  echo "python3-scipy / python3-fastcluster not installed: SciPy comparison skipped" | tee "$OUT/scipy.txt"
fi
"$JAVA" -Xmx3g -cp "$JAR" dev.segmint.benchmarks.hierarchical.TwoStageAgreement data 20000 50000 | tee "$OUT/agreement.md"
