#!/usr/bin/env bash
# The k-means comparison in one command: Segmint and its JVM peers under JMH, scikit-learn on the same bytes,
# and Markdown tables with ratios to the best peer: per workload, one table of complete seeded fits and one of
# fits from the same initial centroids (KMeansSharedStartBenchmark, sklearn_kmeans.py --shared-init).
#
#   benchmarks/scripts/run-kmeans-peers.sh            # the full run (for docs/benchmarks.md, on a quiet machine)
#   benchmarks/scripts/run-kmeans-peers.sh --quick    # a short run: JMH -f 1 -wi 2 -i 3, scikit-learn 1+3 fits
#
# Options: --quick, --workloads a,b (default: all three), --jmh-only, --sklearn-only, --out DIR,
# --avx2 (an AVX2 machine on an AVX-512 one, for every library in the run: the JVMs with -XX:UseAVX=2, so the Vector
# API's widest species is 256 bits; OpenBLAS with OPENBLAS_CORETYPE=Haswell; NumPy without its AVX-512 dispatch
# targets through NPY_DISABLE_CPU_FEATURES),
# (default benchmarks/target/kmeans), --shared-impl a,b (the impl values of KMeansSharedStartBenchmark; default
# all), --no-shared (seeded fits only), and after "--" extra JMH arguments (given to both JMH runs; -p peer=...
# restricts only the seeded peers).
# Needs a JDK 25 (JAVA25_HOME, or found under /usr/lib/jvm) and, for scikit-learn, Debian's python3-sklearn
# (apt-get install -y python3-sklearn); without it the scikit-learn rows are left out, with a note.
# Outputs in OUT: jmh-kmeans.json (raw JMH), jmh-kmeans.log, jmh-kmeans-shared.json, jmh-kmeans-shared.log,
# sklearn-kmeans.json, sklearn-kmeans-shared.json, kmeans-table.md, machine.txt.
set -euo pipefail

SELF=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

QUICK=0
RUN_JMH=1
RUN_SKLEARN=1
OUT=benchmarks/target/kmeans
WORKLOADS=blobs-100000x8x8,blobs-1000000x16x16,rfm-online-retail
JMH_EXTRA=()
SHARED=1
AVX2=0
SHARED_IMPL=segmint-lloyd@1,segmint-lloyd@2,segmint-hamerly@1,segmint-hamerly@2,segmint-elkan@1,segmint-elkan@2
SHARED_IMPL=$SHARED_IMPL,segmint-auto@1,segmint-auto@2,elki-lloyd,elki-hamerly,elki-elkan,elki-lloyd-parallel
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --jmh-only) RUN_SKLEARN=0 ;;
    --sklearn-only) RUN_JMH=0 ;;
    --workloads) WORKLOADS=$2; shift ;;
    --out) OUT=$2; shift ;;
    --shared-impl) SHARED_IMPL=$2; shift ;;
    --no-shared) SHARED=0 ;;
    --avx2) AVX2=1 ;;
    --) shift; JMH_EXTRA=("$@"); break ;;
    -h|--help) sed -n '2,19p' "$SELF"; exit 0 ;;
    *) echo "run-kmeans-peers.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

find_java25() {
  local candidates=()
  [ -n "${JAVA25_HOME:-}" ] && candidates+=("$JAVA25_HOME/bin/java")
  candidates+=(/usr/lib/jvm/*25*/bin/java "${JAVA_HOME:-/nonexistent}/bin/java" "$(command -v java || true)")
  for j in "${candidates[@]}"; do
    [ -x "$j" ] || continue
    local v
    v=$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then echo "$j"; return 0; fi
  done
  return 1
}
JAVA=$(find_java25) || { echo "run-kmeans-peers.sh: no JDK 25 found; set JAVA25_HOME" >&2; exit 2; }

if [ "$AVX2" = 1 ]; then
  # -jvmArgsPrepend: a -jvmArgsAppend given here would replace the benchmarks' own (the heap and the incubator module)
  JMH_EXTRA=(-jvmArgsPrepend -XX:UseAVX=2 "${JMH_EXTRA[@]}")
  export OPENBLAS_CORETYPE=Haswell
  export NPY_DISABLE_CPU_FEATURES="AVX512F AVX512CD AVX512VL AVX512BW AVX512DQ AVX512_KNL AVX512_KNM AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL AVX512VNNI AVX512IFMA AVX512VBMI AVX512VBMI2 AVX512BITALG AVX512VPOPCNTDQ"
fi

JAR=benchmarks/target/benchmarks.jar
if [ ! -f "$JAR" ]; then
  echo "# building $JAR"
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
mkdir -p "$OUT"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores), $(free -g | awk '/^Mem:/ {print $2}') GiB"
  echo "jdk: $("$JAVA" -version 2>&1 | head -2 | tail -1)"
  [ -x /usr/bin/python3 ] && echo "python: $(/usr/bin/python3 --version 2>&1)"
  echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$AVX2" = 1 ]; then
    echo "AVX2 emulation: JVM -XX:UseAVX=2, OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE, NPY_DISABLE_CPU_FEATURES set"
  fi
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"

if [ "$QUICK" = 1 ]; then
  JMH_OPTS=(-f 1 -wi 2 -i 3); SK_OPTS=(--warmup 1 --repeats 3)
else
  JMH_OPTS=(-f 1 -wi 3 -i 5); SK_OPTS=(--warmup 1 --repeats 5)
fi

if [ "$RUN_JMH" = 1 ]; then
  echo "# JMH: Segmint and the JVM peers"
  "$JAVA" -jar "$JAR" 'dev\.segmint\.benchmarks\.kmeans\.KMeans(Peers)?Benchmark' -p "workload=$WORKLOADS" \
      "${JMH_OPTS[@]}" -rf json -rff "$OUT/jmh-kmeans.json" "${JMH_EXTRA[@]}" 2>&1 | tee "$OUT/jmh-kmeans.log"
  if [ "$SHARED" = 1 ]; then
    echo "# JMH: Segmint and ELKI from the same initial centroids"
    "$JAVA" -jar "$JAR" 'dev\.segmint\.benchmarks\.kmeans\.KMeansSharedStartBenchmark' -p "workload=$WORKLOADS" \
        -p "impl=$SHARED_IMPL" "${JMH_OPTS[@]}" -rf json -rff "$OUT/jmh-kmeans-shared.json" "${JMH_EXTRA[@]}" 2>&1 \
        | tee "$OUT/jmh-kmeans-shared.log"
  fi
fi

SK_JSON=()
if [ "$RUN_SKLEARN" = 1 ]; then
  if /usr/bin/python3 -c 'import sklearn, threadpoolctl' 2>/dev/null; then
    echo "# scikit-learn on the same bytes"
    "$JAVA" -cp "$JAR" dev.segmint.benchmarks.kmeans.ExportWorkloads "$OUT/data" ${WORKLOADS//,/ }
    OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 /usr/bin/python3 benchmarks/scripts/sklearn_kmeans.py \
        --data "$OUT/data" --workloads "$WORKLOADS" --threads 2 "${SK_OPTS[@]}" --json "$OUT/sklearn-kmeans.json"
    SK_JSON=(--sklearn "$OUT/sklearn-kmeans.json")
    if [ "$SHARED" = 1 ]; then
      echo "# scikit-learn from the same initial centroids"
      OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 /usr/bin/python3 benchmarks/scripts/sklearn_kmeans.py --shared-init \
          --data "$OUT/data" --workloads "$WORKLOADS" --threads 2 "${SK_OPTS[@]}" --json "$OUT/sklearn-kmeans-shared.json"
      SK_JSON+=(--shared-sklearn "$OUT/sklearn-kmeans-shared.json")
    fi
  else
    echo "# scikit-learn left out: /usr/bin/python3 has no sklearn (apt-get install -y python3-sklearn)"
  fi
else
  if [ -f "$OUT/sklearn-kmeans.json" ]; then SK_JSON=(--sklearn "$OUT/sklearn-kmeans.json"); fi
  if [ "$SHARED" = 1 ] && [ -f "$OUT/sklearn-kmeans-shared.json" ]; then
    SK_JSON+=(--shared-sklearn "$OUT/sklearn-kmeans-shared.json")
  fi
fi

if [ -f "$OUT/jmh-kmeans.json" ]; then
  SHARED_JMH=()
  if [ "$SHARED" = 1 ] && [ -f "$OUT/jmh-kmeans-shared.json" ]; then
    SHARED_JMH=(--shared-jmh "$OUT/jmh-kmeans-shared.json" --shared-log "$OUT/jmh-kmeans-shared.log")
  fi
  /usr/bin/python3 benchmarks/scripts/kmeans_table.py --jmh "$OUT/jmh-kmeans.json" --log "$OUT/jmh-kmeans.log" \
      "${SHARED_JMH[@]}" "${SK_JSON[@]}" > "$OUT/kmeans-table.md"
  cat "$OUT/kmeans-table.md"
  echo
  echo "# table: $OUT/kmeans-table.md   raw JMH: $OUT/jmh-kmeans.json"
fi
