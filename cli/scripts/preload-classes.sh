#!/usr/bin/env bash
# Regenerates cli/src/main/resources/dev/segmint/cli/preload-classes.txt: the classes that the CLI's common
# commands load from the jar and from the JDK's modules (not those in the JDK's class-data archive, nor hidden
# classes), in the order a `segment` run first loads them, then those that `demo`, `rfm`, `cluster` and `profile`
# add. ClassPreloader loads them on a second thread while the command starts. Run after a change that makes the
# CLI load other classes (a stale list costs speed only; ClassPreloaderTest fails when a listed class is gone):
#
#   mvn -q -DskipTests package && cli/scripts/preload-classes.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/cli/target/segmint.jar"
OUT="$ROOT/cli/src/main/resources/dev/segmint/cli/preload-classes.txt"
TX="$ROOT/data/online_retail.csv.gz"
mkdir -p "$(dirname "$OUT")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
F=(--customer CustomerID --timestamp InvoiceDate --order InvoiceNo --quantity Quantity --price UnitPrice)
run() {
  local name=$1
  shift
  # without the preloader, so that the log shows what the command itself loads
  java -Dsegmint.preload=false -Xlog:class+load=info:file="$work/$name.log" -jar "$JAR" "$@" >/dev/null 2>&1
}
run segment segment --transactions "$TX" "${F[@]}" --k 5 --seed 42 --out seg.csv
run demo demo --report demo.html --replicates 5
run rfm rfm --transactions "$TX" "${F[@]}" --out rfm.csv
run cluster cluster --input rfm.csv --id customer_id --features recency_days,frequency,monetary --k 4 --out labels.csv
run profile profile --input rfm.csv --id customer_id --labels labels.csv --out profile.html
{
  echo "# Written by cli/scripts/preload-classes.sh; read by ClassPreloader. One binary class name per line."
  for log in segment demo rfm cluster profile; do
    grep -E 'source: (jar|file|jrt)' "$work/$log.log" | awk '{print $2}'
  done | grep -v -e '\$\$Lambda' -e '/0x' -e '^dev\.segmint\.cli\.ClassPreloader' | awk '!seen[$0]++'
} >"$OUT"
echo "$(grep -vc '^#' "$OUT") classes written to $OUT"
