#!/usr/bin/python3
"""SciPy and fastcluster on Segmint's hierarchical benchmark data, with merge heights checked against Segmint.

Optional comparison for docs/benchmarks.md (## Hierarchical). Needs Debian's python3-scipy and
python3-fastcluster (apt-get install -y python3-fastcluster python3-scipy); run with /usr/bin/python3.

First write the data and Segmint's linkage matrices with the Java exporter:

    java -Xmx4g -cp benchmarks/target/benchmarks.jar \\
        dev.segmint.benchmarks.hierarchical.ExportHierarchical benchmarks/target/hierarchical 10000 20000

then run

    /usr/bin/python3 benchmarks/scripts/scipy_hierarchical.py benchmarks/target/hierarchical 10000 20000

Each (library, function, linkage, n) runs in its own child process, `--repeats` times; the script prints the
best and mean wall time, the child's peak resident memory (ru_maxrss) minus the memory it held after loading the
data, and how the result compares with Segmint's linkage matrix: the largest relative height difference and
the number of rows whose (left, right, size) differ. Add --scipy to also time SciPy's linkage (slow: ~20 s
per call at 20,000).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time

CASES = [
    ("fastcluster", "linkage_vector", "ward"),
    ("fastcluster", "linkage_vector", "single"),
    ("fastcluster", "linkage", "complete"),
    ("fastcluster", "linkage", "average"),
]
SCIPY_CASES = [("scipy", "linkage", m) for m in ("ward", "single", "complete", "average")]


def maxrss_mib():
    # Linux reports kilobytes
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_one(directory, lib, func, method, n, repeats):
    import numpy as np

    x = np.loadtxt(os.path.join(directory, "hierarchical-%dx8.csv" % n), delimiter=",")
    base = maxrss_mib()
    if lib == "fastcluster":
        import fastcluster

        fit = (lambda: fastcluster.linkage_vector(x, method=method)) if func == "linkage_vector" else (
            lambda: fastcluster.linkage(x, method=method, metric="euclidean"))
    else:
        from scipy.cluster.hierarchy import linkage

        fit = lambda: linkage(x, method=method)
    times = []
    z = None
    for _ in range(repeats):
        t = time.perf_counter()
        z = fit()
        times.append(time.perf_counter() - t)
    out = os.path.join(directory, "%s-%s-%s-%d.npy" % (lib, func, method, n))
    np.save(out, z)
    print(json.dumps({"times": times, "peak_mib": maxrss_mib() - base, "z": out}))


def compare(directory, method, n, z_path):
    import numpy as np

    ours = np.loadtxt(os.path.join(directory, "segmint-%s-%d.csv" % (method, n)), delimiter=",", skiprows=1)
    theirs = np.load(z_path)
    rel = np.max(np.abs(ours[:, 2] - theirs[:, 2]) / np.maximum(ours[:, 2], np.finfo(float).tiny))
    rows = int(np.sum(np.any(ours[:, [0, 1, 3]] != theirs[:, [0, 1, 3]], axis=1)))
    return rel, rows


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("directory")
    p.add_argument("sizes", nargs="*", type=int, default=[10000, 20000])
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--scipy", action="store_true", help="also time scipy.cluster.hierarchy.linkage")
    p.add_argument("--one", nargs=4, metavar=("LIB", "FUNC", "METHOD", "N"), help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.one:
        run_one(a.directory, a.one[0], a.one[1], a.one[2], int(a.one[3]), a.repeats)
        return
    import fastcluster
    import numpy
    import scipy

    print("python %s, numpy %s, scipy %s, fastcluster %s" % (sys.version.split()[0], numpy.__version__,
                                                            scipy.__version__, fastcluster.__version__))
    print("%-12s %-15s %-9s %7s %9s %9s %10s %14s %9s" % ("library", "function", "linkage", "n", "best s",
                                                          "mean s", "peak MiB", "max rel dh", "rows !="))
    failed = False
    for n in a.sizes:
        for lib, func, method in CASES + (SCIPY_CASES if a.scipy else []):
            r = subprocess.run([sys.executable, os.path.abspath(__file__), a.directory, "--repeats",
                                str(a.repeats), "--one", lib, func, method, str(n)], capture_output=True, text=True)
            if r.returncode != 0:
                print("%s %s %s n=%d failed: %s" % (lib, func, method, n, r.stderr.strip().splitlines()[-1]))
                failed = True
                continue
            res = json.loads(r.stdout.strip().splitlines()[-1])
            rel, rows = compare(a.directory, method, n, res["z"])
            t = res["times"]
            print("%-12s %-15s %-9s %7d %9.3f %9.3f %10.0f %14.3g %9d" % (lib, func, method, n, min(t),
                                                                        sum(t) / len(t), res["peak_mib"], rel, rows))
            failed |= rel > 1e-9 or rows > 0
    print("identical merges (rel 1e-9) for every case" if not failed else "SOME CASES DIFFER FROM SEGMINT")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
