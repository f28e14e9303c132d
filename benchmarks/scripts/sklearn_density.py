#!/usr/bin/python3
"""scikit-learn DBSCAN on the density benchmark data (optional peer; Debian python3-sklearn).

Usage: /usr/bin/python3 benchmarks/scripts/sklearn_density.py FILE.csv EPS MIN_PTS [REPEATS [N_JOBS]]
FILE.csv comes from dev.segmint.benchmarks.density.WriteDensityData, which also prints EPS and MIN_PTS.
scikit-learn's min_samples counts the point itself, like Segmint's minPts. Prints the best and the median
wall time of REPEATS fits (default 3, after one warm-up fit), the noise count and the peak resident memory.
N_JOBS is DBSCAN's n_jobs (default: none, one thread; 2 runs the neighbour queries on both cores).
"""
import resource
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN


def main():
    path, eps, min_pts = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    n_jobs = int(sys.argv[5]) if len(sys.argv) > 5 else None
    x = np.loadtxt(path, delimiter=",")
    model = DBSCAN(eps=eps, min_samples=min_pts, n_jobs=n_jobs)
    model.fit(x)  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        labels = model.fit(x).labels_
        times.append(time.perf_counter() - t0)
    noise = int((labels == -1).sum())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"sklearn {sklearn.__version__} DBSCAN {x.shape[0]}x{x.shape[1]} eps={eps:.4g} min_samples={min_pts} n_jobs={n_jobs}: "
          f"best {min(times) * 1000:.1f} ms, median {statistics.median(times) * 1000:.1f} ms, "
          f"{noise} noise, peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
