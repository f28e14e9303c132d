#!/usr/bin/env bash
# Whole processes, as users run them: the segmint CLI against a pandas + scikit-learn script doing the same job on
# the same file, each a fresh process (JVM or interpreter start included), repeated (the two sides of a comparison
# alternated), median time and median peak RSS (GNU time's %M: the largest process of the run, so for a short run the
# CLI hands to a second JVM that one, not the sum; the first JVM holds about 44 MB), in one command. See
# docs/benchmarks.md, "Whole processes".
#
#   benchmarks/scripts/e2e.sh              # RUNS=5 repetitions of each job
#   RUNS=3 benchmarks/scripts/e2e.sh       # fewer
#   JOBS=rfm,demo benchmarks/scripts/e2e.sh
#
# Jobs: rfm (segmint rfm vs pandas), segment (segmint segment --k 5 vs pandas + scikit-learn), demo (segmint demo),
# kauto (segmint cluster --k auto on 10,000 x 20 vs a scikit-learn loop over k = 3..10), firstfit (the first
# k-means fit in a fresh JVM, scalar vs Panama kernels; needs JDK 25). The CLI runs on the default `java` (as the
# README says); firstfit on JDK 25 (JAVA25_HOME, or found under /usr/lib/jvm).
# Needs: the CLI jar and the benchmarks jar (built here if missing), /usr/bin/time, and Debian's python3-pandas and
# python3-sklearn for /usr/bin/python3 (without them the peer rows are left out, with a note).
# Outputs in OUT (default benchmarks/target/e2e): runs.tsv (every run), e2e-table.md, machine.txt.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-5}
JOBS=${JOBS:-rfm,segment,demo,kauto,firstfit}
OUT=${OUT:-benchmarks/target/e2e}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
JAR="$ROOT/cli/target/segmint.jar"
BJAR="$ROOT/benchmarks/target/benchmarks.jar"
TX="$ROOT/data/online_retail.csv.gz"
PY=/usr/bin/python3
PEER="$ROOT/benchmarks/scripts/e2e_peer.py"
if [ ! -f "$JAR" ] || [ ! -f "$BJAR" ]; then
  mvn -q -DskipTests package
fi
JAVA25=${JAVA25_HOME:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)}
have_peer=1
"$PY" -c 'import pandas, sklearn' 2>/dev/null || { have_peer=0; echo "note: no pandas/scikit-learn for $PY; peer rows left out" >&2; }

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores," \
    "$(grep -o -m1 -w 'avx512f' /proc/cpuinfo || echo 'no avx512f')"
  echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "java: $(java -version 2>&1 | head -1)"
  [ -n "$JAVA25" ] && echo "java25: $("$JAVA25/bin/java" -version 2>&1 | head -1)"
  [ "$have_peer" = 1 ] && echo "python: $("$PY" -c 'import sys, pandas, sklearn, numpy; print(sys.version.split()[0], "pandas", pandas.__version__, "scikit-learn", sklearn.__version__, "numpy", numpy.__version__)')"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.txt"
cat "$OUT/machine.txt"

RUNS_TSV="$OUT/runs.tsv"
: >"$RUNS_TSV"
: >"$OUT/fits.tsv"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# once JOB WHO I cmd...: run I of JOB/WHO as a fresh process in $work; seconds and peak RSS (KB) go to runs.tsv
once() {
  local job=$1 who=$2 i=$3
  shift 3
  (cd "$work" && /usr/bin/time -o "$work/time.txt" -f "%e %M" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt") || {
    cat "$work/stderr.txt" >&2; echo "e2e: $job/$who failed" >&2; exit 1; }
  read -r secs kb <"$work/time.txt"
  # FirstFit prints "first fit ...: 0.801 s, allocated 12.9 MB on the calling thread, 16.7 MB in the JVM; ..."
  sed -n 's/^first fit [^:]*: \([0-9.]*\) s, allocated [0-9.]* MB on the calling thread, \([0-9.]*\) MB in the JVM.*/\1\t\2/p' \
    "$work/stdout.txt" | sed "s/^/$job\t$who\t$i\t/" >>"$OUT/fits.tsv"
  printf '%s\t%s\t%s\t%s\t%s\n' "$job" "$who" "$i" "$secs" "$kb" >>"$RUNS_TSV"
  printf '%-9s %-22s run %d: %6.2f s %8d KB\n' "$job" "$who" "$i" "$secs" "$kb"
}

# measure JOB WHO cmd...: RUNS fresh processes
measure() {
  local job=$1 who=$2
  shift 2
  for i in $(seq 1 "$RUNS"); do
    once "$job" "$who" "$i" "$@"
  done
}

# alternate JOB WHO_A WHO_B: RUNS runs of the commands in the arrays A and B, alternated (A, B, A, B, ...), so that
# a drift of the machine's speed during the job falls on both sides of the ratio; B is left out when WHO_B is empty
alternate() {
  local job=$1 who_a=$2 who_b=$3
  for i in $(seq 1 "$RUNS"); do
    once "$job" "$who_a" "$i" "${A[@]}"
    if [ -n "$who_b" ]; then
      once "$job" "$who_b" "$i" "${B[@]}"
    fi
  done
}
peer() { [ "$have_peer" = 1 ] && echo "$1"; }

rfm_flags=(--customer CustomerID --timestamp InvoiceDate --order InvoiceNo --quantity Quantity --price UnitPrice)
case ",$JOBS," in *,rfm,*)
  A=(java -jar "$JAR" rfm --transactions "$TX" "${rfm_flags[@]}" --out rfm.csv)
  B=("$PY" "$PEER" rfm "$TX" rfm-pandas.csv)
  alternate rfm segmint "$(peer pandas)" ;;
esac
case ",$JOBS," in *,segment,*)
  A=(java -jar "$JAR" segment --transactions "$TX" "${rfm_flags[@]}" --k 5 --seed 42 --out seg.csv)
  B=("$PY" "$PEER" segment "$TX" seg-sklearn.csv)
  alternate segment segmint "$(peer pandas+scikit-learn)" ;;
esac
case ",$JOBS," in *,demo,*)
  measure demo segmint java -jar "$JAR" demo ;;
esac
case ",$JOBS," in *,kauto,*)
  if [ "$have_peer" = 1 ]; then
    [ -f "$OUT/blobs-10000x20.csv" ] || "$PY" "$PEER" blobs 10000 20 "$OUT/blobs-10000x20.csv"
    A=(java -jar "$JAR" cluster --input "$OUT/blobs-10000x20.csv" --id id --k auto --out ka.csv)
    B=("$PY" "$PEER" kauto "$OUT/blobs-10000x20.csv" ka-sklearn.csv)
    alternate kauto segmint scikit-learn
  else
    echo "note: kauto needs numpy for its data set; left out" >&2
  fi ;;
esac
case ",$JOBS," in *,firstfit,*)
  if [ -n "$JAVA25" ]; then
    # scalar: JDK 25 without the incubator module (the default); panama: with it, as docs/performance.md says
    A=("$JAVA25/bin/java" -cp "$BJAR" dev.segmint.benchmarks.scale.FirstFit)
    B=("$JAVA25/bin/java" --add-modules jdk.incubator.vector -cp "$BJAR" dev.segmint.benchmarks.scale.FirstFit)
    alternate firstfit scalar panama
  fi ;;
esac
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"
"$PY" - "$RUNS_TSV" >"$OUT/e2e-table.md" <<'PYEOF'
import collections, statistics, sys
rows = collections.defaultdict(list)
order = []
for line in open(sys.argv[1]):
    job, who, _, secs, kb = line.split("\t")
    if (job, who) not in rows:
        order.append((job, who))
    rows[(job, who)].append((float(secs), int(kb)))
print("| job | who | median time (s) | runs (s) | median peak RSS (MB) | time vs the other |")
print("|---|---|---:|---|---:|---:|")
med = {key: statistics.median(s for s, _ in v) for key, v in rows.items()}
for job, who in order:
    v = rows[(job, who)]
    others = [med[k] for k in med if k[0] == job and k[1] != who]
    ratio = "%.2f×" % (med[(job, who)] / others[0]) if others and who in ("segmint", "panama") else ""
    print("| %s | %s | %.2f | %s | %d | %s |" % (job, who, med[(job, who)], ", ".join("%.2f" % s for s, _ in v),
          round(statistics.median(kb for _, kb in v) / 1024), ratio))
PYEOF
if [ -s "$OUT/fits.tsv" ]; then
  "$PY" - "$OUT/fits.tsv" >>"$OUT/e2e-table.md" <<'PYEOF'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    job, who, _, secs, mb = line.split("\t")
    rows[who].append((float(secs), float(mb)))
print()
print("| first k-means fit in a fresh JVM | median fit time (s) | runs (s) | median allocated (MB) |")
print("|---|---:|---|---:|")
for who, v in rows.items():
    print("| %s | %.3f | %s | %.1f |" % (who, statistics.median(s for s, _ in v), ", ".join("%.3f" % s for s, _ in v),
          statistics.median(m for _, m in v)))
PYEOF
fi
cat "$OUT/e2e-table.md"
