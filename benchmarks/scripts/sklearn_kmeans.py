#!/usr/bin/python3
"""scikit-learn's KMeans on exactly the bytes Segmint's JMH k-means benchmarks cluster.

The workloads come from ExportWorkloads (benchmarks module): for each, NAME.f64 (little-endian float64,
row-major) and NAME.json (n, d, k, sha256). The SHA-256 is checked before anything runs, so a mismatch with
the JMH data cannot go unnoticed (the JMH log prints the same digest for each workload).

Settings as in the JMH benchmarks: init="k-means++" (scikit-learn's greedy variant), n_init=1, max_iter=100,
tol=1e-4 (relative to the mean feature variance), random_state=42, algorithm lloyd and elkan, THREADS threads
(threadpoolctl limits OpenMP and BLAS; run-kmeans-peers.sh also sets OMP_NUM_THREADS).

With --shared-init, every fit starts instead from the harness's shared initial centroids (SharedStart:
NAME-init.f64, k × d little-endian float64, and NAME-init.json with its SHA-256 and the SHA-256 of the data it was
drawn from, both checked): KMeans(init=<those centroids>, n_init=1, max_iter=100, tol=1e-4). This is the
per-iteration comparison of docs/benchmarks.md (no seeding in the timed fit).

With --inertia-seeds S, nothing is timed: for each workload, lloyd fits with init="k-means++" and random_state
0..S-1 print the min / median / mean / max of their inertia (the spread of one initialisation; Segmint's:
dev.segmint.benchmarks.kmeans.InertiaSpread).

Use Debian's interpreter, /usr/bin/python3, with python3-sklearn installed (apt-get install -y python3-sklearn).
"""
import argparse
import hashlib
import json
import os
import platform
import statistics
import sys
import time

MAX_ITER = 100
TOL = 1e-4
SEED = 42
DEFAULT_WORKLOADS = ["blobs-100000x8x8", "blobs-1000000x16x16", "rfm-online-retail"]


def read_checked(data_dir, sidecar):
    """The sidecar JSON and the bytes of the file it names, after checking their SHA-256 against it."""
    with open(os.path.join(data_dir, sidecar), encoding="utf-8") as f:
        meta = json.load(f)
    path = os.path.join(data_dir, meta["file"])
    raw = open(path, "rb").read()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != meta["sha256"]:
        sys.exit(f"{path}: SHA-256 {digest} differs from {meta['sha256']} in {sidecar}; re-export the workloads")
    return meta, path, raw


def load(data_dir, name):
    meta, path, raw = read_checked(data_dir, name + ".json")
    n, d = meta["n"], meta["d"]
    if len(raw) != 8 * n * d:
        sys.exit(f"{path}: {len(raw)} bytes, expected 8·n·d = {8 * n * d}")
    import numpy as np
    x = np.frombuffer(raw, dtype="<f8").reshape(n, d).astype(np.float64, copy=True)  # writable, C order
    return meta, x


def load_start(data_dir, name, meta):
    """The shared initial centroids of workload `name`, after checking their digest and the data's."""
    init, path, raw = read_checked(data_dir, name + "-init.json")
    if init["data_sha256"] != meta["sha256"]:
        sys.exit(f"{name}-init.json was drawn from data {init['data_sha256']}, not {meta['sha256']}; "
                 "re-export the workloads")
    k, d = init["k"], init["d"]
    if k != meta["k"] or d != meta["d"] or len(raw) != 8 * k * d:
        sys.exit(f"{path}: {len(raw)} bytes for k={k}, d={d}; the workload has k={meta['k']}, d={meta['d']}")
    import numpy as np
    return init, np.frombuffer(raw, dtype="<f8").reshape(k, d).copy()


def nearest_inertia(x, centers):
    """Sum of squared distances to the nearest centre, in blocks (the same definition as the JMH harness)."""
    import numpy as np
    total = 0.0
    c2 = (centers * centers).sum(axis=1)
    for start in range(0, x.shape[0], 65536):
        b = x[start:start + 65536]
        d2 = (b * b).sum(axis=1)[:, None] - 2.0 * b @ centers.T + c2[None, :]
        total += float(np.maximum(d2.min(axis=1), 0.0).sum())
    return total


def run(x, k, algorithm, threads, warmup, repeats, start=None):
    """Times `warmup` + `repeats` fits; `start` (k × d) replaces k-means++ when given (a fresh copy per fit)."""
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits
    times = []
    km = None
    with threadpool_limits(limits=threads):
        for i in range(warmup + repeats):
            init = "k-means++" if start is None else start.copy()
            model = KMeans(n_clusters=k, init=init, n_init=1, max_iter=MAX_ITER, tol=TOL,
                           random_state=SEED, algorithm=algorithm)
            t0 = time.perf_counter()
            model.fit(x)
            elapsed = time.perf_counter() - t0
            if i >= warmup:
                times.append(elapsed)
            km = model
    return times, km


def inertia_spread(args):
    """Min / median / mean / max harness inertia of lloyd fits with random_state 0..S-1 (one initialisation each)."""
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits
    for name in [w for w in args.workloads.split(",") if w]:
        meta, x = load(args.data, name)
        values = []
        with threadpool_limits(args.threads):
            for seed in range(args.inertia_seeds):
                km = KMeans(n_clusters=meta["k"], init="k-means++", n_init=1, max_iter=MAX_ITER, tol=TOL,
                            random_state=seed, algorithm="lloyd").fit(x)
                values.append(nearest_inertia(x, km.cluster_centers_))
        print(f"scikit-learn {name}, {len(values)} seeds (0..{len(values) - 1}), 1 initialisation each: "
              f"min {min(values):.6g} median {statistics.median(values):.6g} "
              f"mean {statistics.fmean(values):.6g} max {max(values):.6g}", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="benchmarks/target/kmeans/data", help="folder written by ExportWorkloads")
    p.add_argument("--workloads", default=",".join(DEFAULT_WORKLOADS), help="comma-separated workload names")
    p.add_argument("--algorithms", default="lloyd,elkan")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=1, help="untimed fits before the timed ones")
    p.add_argument("--repeats", type=int, default=5, help="timed fits (the table shows their mean)")
    p.add_argument("--json", help="also write the results here (for kmeans_table.py)")
    p.add_argument("--shared-init", action="store_true",
                   help="start every fit from NAME-init.f64 (the harness's shared k-means++ centroids)")
    p.add_argument("--inertia-seeds", type=int, default=0,
                   help="instead of timing: the inertia spread of one-initialisation fits over seeds 0..S-1")
    args = p.parse_args()

    try:
        import numpy
        import sklearn
        import threadpoolctl  # noqa: F401
    except ImportError as e:
        sys.exit(f"scikit-learn is not available to {sys.executable} ({e}); "
                 "install Debian's: apt-get install -y python3-sklearn")

    if args.inertia_seeds > 0:
        inertia_spread(args)
        return
    print(f"# scikit-learn {sklearn.__version__}, numpy {numpy.__version__}, Python {platform.python_version()}, "
          f"{args.threads} threads, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '(unset)')}")
    init_text = "<shared initial centroids, NAME-init.f64>" if args.shared_init else "'k-means++'"
    print(f"# KMeans(init={init_text}, n_init=1, max_iter={MAX_ITER}, tol={TOL}, random_state={SEED}); "
          f"{args.warmup} warm-up + {args.repeats} timed fits each")
    header = (f"{'workload':<24} {'algorithm':<9} {'threads':>7} {'time ms':>10} {'± sd':>8} "
              f"{'iterations':>10} {'ms/iter':>9} {'inertia':>22}")
    print(header)
    print("-" * len(header))
    results = []
    for name in [w for w in args.workloads.split(",") if w]:
        meta, x = load(args.data, name)
        init, start = load_start(args.data, name, meta) if args.shared_init else (None, None)
        for algorithm in [a for a in args.algorithms.split(",") if a]:
            times, km = run(x, meta["k"], algorithm, args.threads, args.warmup, args.repeats, start)
            mean = statistics.fmean(times)
            sd = statistics.stdev(times) if len(times) > 1 else 0.0
            iters = int(km.n_iter_)
            inertia = nearest_inertia(x, km.cluster_centers_)
            row = {"workload": name, "implementation": f"scikit-learn {algorithm}", "threads": str(args.threads),
                   "time_ms": 1e3 * mean, "time_sd_ms": 1e3 * sd, "iterations": iters,
                   "inertia": inertia, "reported_inertia": float(km.inertia_), "n": meta["n"],
                   "sha256": meta["sha256"], "sklearn": sklearn.__version__,
                   "start": "shared" if args.shared_init else "k-means++"}
            if init:
                row["init_sha256"] = init["sha256"]
            results.append(row)
            print(f"{name:<24} {algorithm:<9} {args.threads:>7} {1e3 * mean:>10.1f} {1e3 * sd:>8.1f} "
                  f"{iters:>10d} {1e3 * mean / max(iters, 1):>9.2f} {inertia:>22.10f}", flush=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
