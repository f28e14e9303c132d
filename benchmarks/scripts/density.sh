#!/usr/bin/env bash
# DBSCAN and HDBSCAN benchmarks (docs/benchmarks.md, "DBSCAN and HDBSCAN"), one command from the repository root:
#   bash benchmarks/scripts/density.sh [quick]
# "quick" (the preliminary numbers): -f 1 -wi 1 -i 3 with 2 s iterations; without it: -f 1 -wi 3 -i 5, 5 s.
# Peers that cannot finish in 60 s are first probed in a single-shot run under a 150 s timeout and left out.
# Raw JMH JSON goes to docs/benchmarks-density-*.json, the console output to target/density-bench.log.
set -uo pipefail
cd "$(dirname "$0")/../.."
JAVA=${JAVA:-java}
B=benchmarks/target/benchmarks.jar
[ -f "$B" ] || mvn -B -q -pl benchmarks -am package -DskipTests
if [ "${1:-}" = quick ]; then RUN=(-f 1 -wi 1 -i 3 -w 2s -r 2s); else RUN=(-f 1 -wi 3 -i 5 -w 5s -r 5s); fi
mkdir -p target
log=target/density-bench.log
: >"$log"
# other JMH runs may share the machine (their lock would stop ours): these numbers are preliminary anyway
J=("$JAVA" -Djmh.ignoreLock=true -jar "$B")
jmh() { "${J[@]}" "$@" 2>&1 | tee -a "$log" | grep -E "^(Dbscan|Hdbscan)|^Benchmark "; }
probe() { # probe SHAPE PEER BENCH: prints the single-shot time or "> 150 s"
  local out code
  out=$(timeout 150 "${J[@]}" "$3" -p shape="$1" -p peer="$2" -bm ss -f 1 -wi 0 -i 1 -tu s 2>&1)
  code=$?
  if [ $code -eq 0 ] && echo "$out" | grep -qE "^(Dbscan|Hdbscan)"; then
    echo "$out" | grep -E "^(Dbscan|Hdbscan)" | tee -a "$log"
  elif [ $code -eq 0 ]; then  # JMH exits 0 when the forked benchmark threw
    echo "$3 $2 $1: failed: $(echo "$out" | grep -m1 -E "Error|Exception")" | tee -a "$log"
  elif [ $code -eq 124 ]; then
    echo "$3 $2 $1: did not finish within 150 s (killed)" | tee -a "$log"
  else
    echo "$3 $2 $1: failed: $(echo "$out" | grep -m1 -iE "error|exception")" | tee -a "$log"
  fi
}

echo "== DBSCAN 50,000 x 3, all peers: eps at the knee, and at the median k-distance (smaller neighbourhoods)"
jmh DbscanBenchmark -p shape=50000x3,50000x3:q50 "${RUN[@]}" -rf json -rff docs/benchmarks-density-dbscan-50k.json
echo "== DBSCAN 1,000,000 x 2 and x 4: peers probed single-shot"
for shape in 1000000x2 1000000x4; do
  for peer in smile elki commonsMath; do probe "$shape" "$peer" DbscanBenchmark; done
done
jmh DbscanBenchmark -p shape=1000000x2,1000000x4 -p peer=segmint,segmint1 "${RUN[@]}" \
  -rf json -rff docs/benchmarks-density-dbscan-1m.json
echo "== HDBSCAN"
jmh HdbscanBenchmark -p shape=10000x3 "${RUN[@]}" -rf json -rff docs/benchmarks-density-hdbscan-10k.json
for shape in 50000x3 100000x4; do
  for peer in smile elki; do probe "$shape" "$peer" HdbscanBenchmark; done
done
jmh HdbscanBenchmark -p shape=50000x3,100000x4 -p peer=segmint,segmint1 "${RUN[@]}" \
  -rf json -rff docs/benchmarks-density-hdbscan-large.json
echo "== index crossovers (grid, KD-tree, brute force)"
jmh DbscanIndexBenchmark "${RUN[@]}" -rf json -rff docs/benchmarks-density-index.json
echo "== heap of one fit: pools' peak (upper bound, default collector), then the smallest free heap that works"
for args in "dbscan 1000000 2" "dbscan 1000000 4" "hdbscan 100000 4"; do
  "$JAVA" -Xmx4g -cp "$B" dev.segmint.benchmarks.density.DensityMemory $args | tee -a "$log"
  # serial collector, 1 MB young generation: a full compaction before any OutOfMemoryError
  "$JAVA" -XX:+UseSerialGC -Xmn1m -Xmx1g -cp "$B" dev.segmint.benchmarks.density.DensityMemory $args AUTO NaN search \
    | tee -a "$log"
done
echo "== scikit-learn (optional: Debian python3-sklearn)"
if /usr/bin/python3 -c "import sklearn" 2>/dev/null; then
  for shape in 50000x3 50000x3:q50 1000000x2; do
    read -r eps minpts < <("$JAVA" -cp "$B" dev.segmint.benchmarks.density.WriteDensityData "$shape" "target/density-$shape.csv")
    for jobs in 1 2; do  # n_jobs None (one thread), then 2 (neighbour queries on both cores)
      args=("target/density-$shape.csv" "$eps" "$minpts" 3)
      [ "$jobs" = 2 ] && args+=(2)
      timeout 300 /usr/bin/python3 benchmarks/scripts/sklearn_density.py "${args[@]}" \
        | tee -a "$log" || echo "scikit-learn $shape n_jobs=$jobs: did not finish within 300 s" | tee -a "$log"
    done
  done
else
  echo "scikit-learn not installed: apt-get install -y python3-sklearn" | tee -a "$log"
fi
