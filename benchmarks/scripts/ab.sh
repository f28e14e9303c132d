#!/usr/bin/env bash
# Alternated A/B of two CLI jars on one command: A, B, A, B, ... as fresh processes, so that the machine's slow and
# fast episodes fall on both sides; per-run wall and CPU time (GNU time) and the per-pair difference.
#
#   benchmarks/scripts/ab.sh 12 before.jar after.jar                 # segment on Online Retail, as e2e.sh runs it
#   CMD="rfm --transactions data/online_retail.csv.gz ..." benchmarks/scripts/ab.sh 12 a.jar b.jar
#
# Outputs of the command go to a temporary folder; the CSVs of A and B are compared at the end.
set -euo pipefail
N=$1
A=$(realpath "$2")
B=$(realpath "$3")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
F="--customer CustomerID --timestamp InvoiceDate --order InvoiceNo --quantity Quantity --price UnitPrice"
CMD=${CMD:-"segment --transactions $ROOT/data/online_retail.csv.gz $F --k 5 --seed 42"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq "$N"); do
  for s in A B; do
    jar=$A
    [ "$s" = B ] && jar=$B
    # shellcheck disable=SC2086
    /usr/bin/time -f "$s %e %U %S" -o "$work/t" java -jar "$jar" $CMD --out "$work/$s.csv" >/dev/null 2>"$work/err" \
      || { cat "$work/err" >&2; exit 1; }
    cat "$work/t" >>"$work/runs"
  done
done
python3 - "$work/runs" <<'P'
import statistics as st, sys
r = {'A': [], 'B': []}
for line in open(sys.argv[1]):
    s, e, u, sy = line.split()
    r[s].append((float(e), float(u) + float(sy)))
for s in 'AB':
    w = [x[0] for x in r[s]]
    c = [x[1] for x in r[s]]
    print('%s wall median %.3f s, min %.3f s, CPU median %.2f s; runs %s' % (s, st.median(w), min(w), st.median(c), ' '.join('%.2f' % x for x in w)))
d = [a[0] - b[0] for a, b in zip(r['A'], r['B'])]
print('A - B per pair: median %.3f s, mean %.3f s' % (st.median(d), st.mean(d)))
P
cmp -s "$work/A.csv" "$work/B.csv" && echo "outputs identical" || echo "outputs differ"
