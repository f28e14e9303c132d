#!/usr/bin/env bash
# Scale and memory: each large workload once, in its own JVM with a fixed -Xmx, recording wall time and peak heap
# (docs/benchmarks.md, "## Scale and memory"). Not JMH: one run each, to show the sizes fit and what they cost.
#   k-means 10,000,000 x 8 (k = 8)       -Xmx6g   (3g runs out of memory: data, ids and k-means state)
#   DBSCAN 1,000,000 x 3                 -Xmx2g
#   exact ward 100,000 x 8               -Xmx1g
#   the full Online Retail pipeline      -Xmx1g   (segmint demo: CSV, RFM, k selection, k-means, stability, report)
#   complete linkage 100,000 x 8         -Xmx1g   (expected: refused at once, naming the memory it would need)
# Usage: benchmarks/scripts/scale.sh   (results in benchmarks/target/scale/results.md; OUT to change)
# Environment: JAVA (a JDK 25 java; default the Temurin 25 under /usr/lib/jvm, else `java`), OUT, SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -1)}
JAVA=${JAVA:-java}
OUT=${OUT:-benchmarks/target/scale}
mkdir -p "$OUT"
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -pl benchmarks,cli -am package -DskipTests
fi
CP=cli/target/segmint.jar:benchmarks/target/benchmarks.jar
FLAGS="--add-modules jdk.incubator.vector -XX:+UseParallelGC"
{ uname -a; nproc; grep -m1 'model name' /proc/cpuinfo || true; "$JAVA" -version 2>&1; echo "load before: $(cat /proc/loadavg)"; } \
  > "$OUT/machine.txt"
run() {
  local xmx=$1
  shift
  echo "== $* (-Xmx$xmx), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  # shellcheck disable=SC2086
  "$JAVA" -Xmx"$xmx" $FLAGS -cp "$CP" dev.segmint.benchmarks.scale.ScaleRun "$@" 2>>"$OUT/stderr.log" \
    | { grep '^RESULT' || echo "RESULT | $* | | | $xmx | | failed: see stderr.log"; } | sed 's/^RESULT //' \
    | tee -a "$OUT/results.md" || true
}
{
  echo "| workload | size | time | peak heap | -Xmx | data generation | outcome |"
  echo "|---|---|---|---|---|---|---|"
} > "$OUT/results.md"
run 6g kmeans 10000000 8 8
run 2g dbscan 1000000 3
run 1g ward 100000 8
run 1g retail "$OUT/demo-report.html"
run 1g complete 100000 8
echo "load after: $(cat /proc/loadavg)" >> "$OUT/machine.txt"
cat "$OUT/machine.txt"
