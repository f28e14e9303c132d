# Turns the JMH JSON of the kernel suite into the tables of docs/performance.md.
# usage: python3 docs/benchmarks/kernels_report.py docs/benchmarks/kernels.json [best]
#   best: use the best 1-s iteration of each benchmark instead of the JMH mean (see docs/performance.md)
import json, sys, collections
data = json.load(open(sys.argv[1]))
BEST = len(sys.argv) > 2 and sys.argv[2] == 'best'
R = {}
for b in data:
    name = b['benchmark'].split('.')[-2] + '.' + b['benchmark'].split('.')[-1]
    params = b.get('params', {})
    key = (name, tuple(sorted(params.items())))
    raw = [x for fork in b['primaryMetric']['rawData'] for x in fork]
    score = max(raw) if BEST else b['primaryMetric']['score']
    R[key] = (score, b['primaryMetric']['scoreError'], b['threads'])
def get(name, **p):
    key = (name, tuple(sorted((k, str(v)) for k, v in p.items())))
    return R.get(key, (float('nan'), 0, 0))
L = 8
fma1 = get('LimitsBenchmark.fmaOneThread', length=134217728)
fmaN = get('LimitsBenchmark.fmaAllThreads', length=134217728)
# fma benchmarks have the Stream param? they don't take Stream state -> no params
if fma1[0] != fma1[0]:
    fma1 = get('LimitsBenchmark.fmaOneThread'); fmaN = get('LimitsBenchmark.fmaAllThreads')
st1 = get('LimitsBenchmark.streamOneThread', length=134217728)
stN = get('LimitsBenchmark.streamAllThreads', length=134217728)
FMA_FLOPS = 2 * L * 12 * 2**20
peak1 = fma1[0] * FMA_FLOPS / 1e9; peakN = fmaN[0] * FMA_FLOPS / 1e9
bw1 = st1[0] * 2**30 / 1e9; bwN = stN[0] * 2**30 / 1e9
print("## limits")
print(f"| FMA peak, 1 thread | {peak1:.1f} GFLOP/s |\n| FMA peak, all threads | {peakN:.1f} GFLOP/s |")
print(f"| stream 1 GiB, 1 thread | {bw1:.1f} GB/s |\n| stream 1 GiB, all threads | {bwN:.1f} GB/s |")
print()
print("## pairs (ops = pairs/s)")
print("| d | scalar sqdist | panama sqdist | naive | smile | panama/scalar | panama/naive | panama/smile | panama GFLOP/s | of peak |")
print("|---|---|---|---|---|---|---|---|---|---|")
for d in [3, 8, 16, 64, 257]:
    s = get('PairBenchmark.scalarSquaredDistance', d=d)[0]; p = get('PairBenchmark.panamaSquaredDistance', d=d)[0]
    n = get('PairBenchmark.naiveSquaredDistance', d=d)[0]; sm = get('PairBenchmark.smileSquaredDistance', d=d)[0]
    g = p * 3 * d / 1e9
    print(f"| {d} | {s/1e6:.0f} M | {p/1e6:.0f} M | {n/1e6:.0f} M | {sm/1e6:.0f} M | {p/s:.2f} | {p/n:.2f} | {p/sm:.2f} | {g:.1f} | {g/peak1:.0%} |")
print()
print("## nearest centroid grid (points/s; GFLOP/s = points/s * 3kd)")
print("| d | k | scalar M pts/s | panama (row-major) | panama (packed) | panama/scalar | packed/scalar | packed/row-major | scalar GFLOP/s | packed GFLOP/s | packed of FMA peak |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for d in [3, 8, 16, 64, 257]:
    for k in [4, 8, 16, 64]:
        s = get('NearestCentroidBenchmark.scalar', d=d, k=k)[0]; p = get('NearestCentroidBenchmark.panama', d=d, k=k)[0]; pp = get('NearestCentroidBenchmark.panamaPacked', d=d, k=k)[0]
        f = 3 * k * d / 1e9
        print(f"| {d} | {k} | {s/1e6:.2f} | {p/1e6:.2f} | {pp/1e6:.2f} | {p/s:.2f} | {pp/s:.2f} | {pp/p:.2f} | {s*f:.1f} | {pp*f:.1f} | {pp*f/peak1:.0%} |")
print()
print("## 1M x 16 x 16 (passes/s)")
n, d, k = 1000000, 16, 16
flops = 3 * n * k * d; byts = 8 * n * d
print("| variant | threads | passes/s | ms/pass | GFLOP/s | GB/s read | arithmetic bound ms | bandwidth bound ms | binding | fraction of binding limit | vs naive | vs Smile |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
naive = get('LargeNearestCentroidBenchmark.naive', n=n, d=d, k=k)[0]; smile = get('LargeNearestCentroidBenchmark.smile', n=n, d=d, k=k)[0]
for v in ['naive', 'smile', 'scalar', 'panama', 'panamaPacked', 'scalarAllThreads', 'panamaAllThreads', 'panamaPackedAllThreads']:
    sc, err, th = get('LargeNearestCentroidBenchmark.' + v, n=n, d=d, k=k)
    if th == 0:
        continue  # not in this run
    allt = 'AllThreads' in v
    peak = peakN if allt else peak1; bw = bwN if allt else bw1
    ta = flops / (peak / th) / 1e9 * 1e3  # per-thread pass: each thread gets peak/th
    tm = byts / (bw / th) / 1e9 * 1e3
    per_thread_rate = sc / th
    ms = 1e3 / per_thread_rate
    bind = 'arithmetic' if ta >= tm else 'bandwidth'
    frac = max(ta, tm) / ms
    print(f"| {v} | {th} | {sc:.2f} | {ms:.1f} | {sc*flops/1e9:.1f} | {sc*byts/1e9:.1f} | {ta:.1f} | {tm:.1f} | {bind} | {frac:.0%} | {sc/naive:.1f}x | {sc/smile:.1f}x |")
print()
print("## block distances (pairs/s)")
print("| d | scalar block | panama block | ratio | panama block GFLOP/s |")
print("|---|---|---|---|---|")
for d in [3, 8, 16, 64, 257]:
    sb = get('BlockBenchmark.scalarBlockDistances', d=d)[0]; pb = get('BlockBenchmark.panamaBlockDistances', d=d)[0]
    print(f"| {d} | {sb/1e6:.0f} M | {pb/1e6:.0f} M | {pb/sb:.2f} | {pb*3*d/1e9:.1f} |")
