#!/usr/bin/env bash
# Every comparison behind issue 18's targets, one after the other, in one command (docs/benchmarks.md, "Issue 18:
# every target in one run"): hierarchical linkage against fastcluster (ward at 10,000 and 20,000 points, complete
# and average at 10,000; JMH with 512-bit and with 256-bit vectors, -XX:UseAVX=3 and 2, fastcluster before and
# after), k-means on 100,000 x 8 and 1,000,000 x 16 against scikit-learn (run-kmeans-peers.sh, with and without
# --avx2) and its working memory on 1,000,000 x 16 within -Xmx450m (KMeansMemory), then the whole processes
# (e2e.sh). Run it on a quiet machine: no build, helper or other benchmark at the same time. About 12 minutes on
# 2 vCPUs.
#
#   benchmarks/scripts/targets.sh                 # outputs in benchmarks/target/targets
#   OUT=/tmp/t RUNS=5 benchmarks/scripts/targets.sh
#
# Needs what its parts need: JDK 25 (JAVA25_HOME, or found under /usr/lib/jvm), the benchmarks and CLI jars (built
# here if missing), /usr/bin/python3 with python3-scipy, python3-fastcluster, python3-pandas and python3-sklearn.
# The log (log.txt) has each part's end time and the load average.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
OUT=${OUT:-benchmarks/target/targets}
RUNS=${RUNS:-5}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
JAVA25=${JAVA25_HOME:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)}
J25="$JAVA25/bin/java"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
if [ ! -f "$JAR" ] || [ ! -f "$ROOT/cli/target/segmint.jar" ]; then
  mvn -q -DskipTests package
fi
log() { echo "$1 $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/log.txt"; }
: >"$OUT/log.txt"
log start

"$J25" -Xmx6g -cp "$JAR" dev.segmint.benchmarks.hierarchical.ExportHierarchical "$OUT/hier" 10000 20000 \
  >"$OUT/export.log" 2>&1
log "data and Segmint's linkage matrices written"
/usr/bin/python3 benchmarks/scripts/scipy_hierarchical.py "$OUT/hier" 10000 20000 --repeats 3 >"$OUT/scipy-out.txt" 2>&1
log "fastcluster"
for avx in 3 2; do
  "$J25" -jar "$JAR" HierarchicalBenchmark -f 1 -wi 3 -i 10 -p n=10000,20000 -p peer=segmint-ward \
    -jvmArgsAppend "-XX:UseAVX=$avx" -rf json -rff "$OUT/ward-avx$avx.json" >"$OUT/ward-avx$avx.txt" 2>&1
  "$J25" -jar "$JAR" HierarchicalBenchmark -f 1 -wi 3 -i 10 -p n=10000 -p peer=segmint-complete,segmint-average \
    -jvmArgsAppend "-XX:UseAVX=$avx" -rf json -rff "$OUT/ca-avx$avx.json" >"$OUT/ca-avx$avx.txt" 2>&1
  log "JMH hierarchical, -XX:UseAVX=$avx"
done
/usr/bin/python3 benchmarks/scripts/scipy_hierarchical.py "$OUT/hier" 10000 --repeats 3 >"$OUT/scipy-out2.txt" 2>&1
log "fastcluster again"
(/usr/bin/python3 - "$OUT" <<'EOF'
import json, statistics, sys
out = sys.argv[1]
for f in ("ward-avx3", "ward-avx2", "ca-avx3", "ca-avx2"):
    for r in json.load(open(f"{out}/{f}.json")):
        raw = [x / 1000 for fork in r["primaryMetric"]["rawData"] for x in fork]
        print(f"{f}\t{r['params']['peer']}\t{r['params']['n']}\tmedian {statistics.median(raw):.3f} s\t"
              f"range {min(raw):.3f}-{max(raw):.3f} s")
EOF
) | tee "$OUT/hierarchical-medians.tsv"
for w in blobs-100000x8x8 blobs-1000000x16x16; do
  benchmarks/scripts/run-kmeans-peers.sh --avx2 --no-shared --workloads $w --out "$OUT/kmeans-avx2-$w" \
    -- -p peer=elki-hamerly >"$OUT/kmeans-avx2-$w.log" 2>&1
  benchmarks/scripts/run-kmeans-peers.sh --no-shared --workloads $w --out "$OUT/kmeans-avx512-$w" \
    -- -p peer=elki-hamerly >"$OUT/kmeans-avx512-$w.log" 2>&1
done
"$J25" -Xmx450m --add-modules jdk.incubator.vector -cp "$JAR" dev.segmint.benchmarks.scale.KMeansMemory 1000000 16 16 \
  2>&1 | grep -v '^WARNING' | tee "$OUT/kmeans-memory.txt"
log "k-means (working memory: the fit must finish within -Xmx450m, the heap before it taken away)"
RUNS=$RUNS OUT="$OUT/e2e" benchmarks/scripts/e2e.sh >"$OUT/e2e.log" 2>&1
log "whole processes"
echo "tables: $OUT/scipy-out.txt, $OUT/hierarchical-medians.tsv, $OUT/kmeans-avx*/kmeans-table.md, $OUT/e2e/e2e-table.md"
