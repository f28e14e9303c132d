#!/usr/bin/python3
"""Markdown table of the k-means comparison: JMH times (-rf json), the kmeans-outcome lines of the JMH log
(iterations, inertia) and, when given, sklearn_kmeans.py --json results. Standard library only.

For each workload: time per fit, iterations, time per iteration, inertia and its ratio to the lowest, and the
ratios of time and time per iteration to the best peer (the fastest implementation that is not Segmint).
With --shared-jmh (KMeansSharedStartBenchmark) and --shared-sklearn (sklearn_kmeans.py --shared-init), a second
table per workload: every implementation started from the same initial centroids, no seeding timed, so its
ms / iteration is the per-iteration comparison.
"""
import argparse
import json
import re
import sys

OUTCOME = re.compile(r"kmeans-outcome (.*)$")


def outcomes(log_path):
    found = {}
    with open(log_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = OUTCOME.search(line.strip())
            if m:
                fields = dict(kv.split("=", 1) for kv in m.group(1).split())
                found[(fields["workload"], fields["peer"], fields["threads"])] = fields
    return found


def jmh_rows(json_path, log_path):
    seen = outcomes(log_path) if log_path else {}
    rows = []
    for b in json.load(open(json_path, encoding="utf-8")):
        params = b.get("params", {})
        metric = b["primaryMetric"]
        unit = metric["scoreUnit"]
        scale = {"ms/op": 1.0, "s/op": 1e3, "us/op": 1e-3, "ns/op": 1e-6}.get(unit)
        if scale is None:
            sys.exit(f"unexpected JMH unit {unit}")
        if b["benchmark"].endswith("KMeansBenchmark.fit"):
            alg = params.get("algorithm", "DEFAULT")
            peer = "segmint" if alg == "DEFAULT" else "segmint-" + alg.lower()
            threads = params["threads"]
        elif b["benchmark"].endswith("KMeansSharedStartBenchmark.fit"):
            peer, _, threads = params["impl"].partition("@")
            threads = threads or None
        else:
            peer = params["peer"]
            threads = None
        workload = params["workload"]
        o = None
        for (w, p, t), fields in seen.items():
            if w == workload and p == peer and (threads is None or t == threads):
                o = fields
                threads = t.replace("_", " ")
                break
        err = metric.get("scoreError")
        rows.append({"workload": workload, "implementation": peer, "threads": threads or "?",
                     "time_ms": metric["score"] * scale,
                     "time_err_ms": (err * scale) if isinstance(err, (int, float)) and err == err else None,
                     "iterations": int(o["iterations"]) if o else None,
                     "inertia": float(o["inertia"]) if o else None})
    return rows


SHAPE = re.compile(r"workload (\S+) \(n=([\d,]+), d=(\d+), k=(\d+)\)")


def shapes(log_paths):
    found = {}
    for path in log_paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = SHAPE.search(line)
                if m:
                    found[m.group(1)] = tuple(int(g.replace(",", "")) for g in m.groups()[1:])
    return found


def limit_ms(n, d, k, threads, gflops, gbs1, gbs2):
    """Lower bound on one Lloyd iteration: the n·k·d coordinate terms at 3 flops each (sub, fused multiply-add
    counted as 2) on `threads` cores at `gflops` per core, or one pass over the n·d doubles at the streaming
    bandwidth of one or two cores, whichever is slower."""
    compute = 3.0 * n * k * d / (gflops * 1e9 * threads) * 1e3
    memory = 8.0 * n * d / ((gbs1 if threads == 1 else gbs2) * 1e9) * 1e3
    return max(compute, memory)


def fmt(x, spec):
    return "—" if x is None else format(x, spec)


def print_table(workload, group, known, args, shared):
    """One Markdown table for one workload; `shared` marks the same-start comparison (no seeding timed)."""
    group = sorted(group, key=lambda r: r["time_ms"])
    peers = [r for r in group if not r["implementation"].startswith("segmint")]
    best = peers[0] if peers else None
    best_per_iter = min((r["time_ms"] / r["iterations"] for r in peers if r["iterations"]), default=None)
    low = min((r["inertia"] for r in group if r["inertia"] is not None), default=None)
    if shared:
        print(f"\n### {workload}: from the same initial centroids\n")
        print("Every implementation starts from the harness's k-means++ centroids (seed 42; no seeding in the timed "
              "fit), so ms / iteration is the cost of one of its iterations.\n")
    else:
        print(f"\n### {workload}\n")
    if best:
        print(f"Best peer in total time: {best['implementation']} (threads: {best['threads']}). "
              "Ratios below 1 are faster than it.\n")
    print("| implementation | threads | time (ms) | ± | iterations | ms / iteration | inertia | "
          "inertia / lowest | time / best peer | time per iteration / best peer |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in group:
        per_iter = r["time_ms"] / r["iterations"] if r["iterations"] else None
        print("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
            r["implementation"], r["threads"], fmt(r["time_ms"], ",.1f"), fmt(r["time_err_ms"], ",.1f"),
            fmt(r["iterations"], "d"), fmt(per_iter, ",.2f"), fmt(r["inertia"], ",.6g"),
            fmt(r["inertia"] / low if r["inertia"] is not None and low else None, ".5f"),
            fmt(r["time_ms"] / best["time_ms"] if best else None, ".2f"),
            fmt(per_iter / best_per_iter if per_iter and best_per_iter else None, ".2f")))
    shape = known.get(workload)
    mine = [r for r in group if r["implementation"].startswith("segmint") and r["iterations"]
            and (shared or r["implementation"] == "segmint")]
    if shape and mine:
        n, d, k = shape
        parts = []
        for r in sorted(mine, key=lambda r: (r["implementation"], r["threads"])):
            t = int(r["threads"]) if str(r["threads"]).isdigit() else 1
            lim = limit_ms(n, d, k, t, args.gflops, args.gbs1, args.gbs2)
            per_iter = r["time_ms"] / r["iterations"]
            who = f"{r['implementation']} " if shared else ""
            parts.append(f"{who}{t} thread{'s' if t > 1 else ''}: limit {lim:,.3g} ms, Segmint {per_iter:,.3g} ms "
                         f"({per_iter / lim:,.1f}× the limit)")
        seeding = ("no seeding timed; the first assignment and the final inertia are in the fit" if shared
                   else "Segmint's ms / iteration includes seeding")
        print(f"\nPhysical limit per Lloyd iteration (n·k·d·3 flops at {args.gflops:g} GFLOP/s per core, or one "
              f"pass over {8 * n * d / 1e6:,.3g} MB at {args.gbs1:g} / {args.gbs2:g} GB/s on 1 / 2 cores, "
              f"whichever is slower; {seeding}): " + "; ".join(parts) + ".")


def sklearn_rows(path):
    return [{k: r.get(k) for k in ("workload", "implementation", "threads", "time_ms", "iterations", "inertia")}
            | {"time_err_ms": r.get("time_sd_ms")} for r in json.load(open(path, encoding="utf-8"))]


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--jmh", action="append", default=[],
                   help="JMH result JSON (-rf json -rff FILE) of the seeded benchmarks; repeatable")
    p.add_argument("--log", action="append", default=[],
                   help="JMH console log with kmeans-outcome lines, one per --jmh, in the same order")
    p.add_argument("--sklearn", help="sklearn_kmeans.py --json output")
    p.add_argument("--shared-jmh", action="append", default=[],
                   help="JMH result JSON of KMeansSharedStartBenchmark (same initial centroids); repeatable")
    p.add_argument("--shared-log", action="append", default=[], help="its console log, one per --shared-jmh")
    p.add_argument("--shared-sklearn", help="sklearn_kmeans.py --shared-init --json output")
    p.add_argument("--gflops", type=float, default=23.0,
                   help="double GFLOP/s of one core on the distance kernel (LimitsBenchmark; default 23)")
    p.add_argument("--gbs1", type=float, default=13.0, help="streaming GB/s of one core (default 13)")
    p.add_argument("--gbs2", type=float, default=23.0, help="streaming GB/s of two cores (default 23)")
    args = p.parse_args()
    if args.log and len(args.log) != len(args.jmh):
        sys.exit("give one --log per --jmh, in the same order")
    if args.shared_log and len(args.shared_log) != len(args.shared_jmh):
        sys.exit("give one --shared-log per --shared-jmh, in the same order")
    if not args.jmh and not args.shared_jmh:
        sys.exit("give --jmh and/or --shared-jmh")
    rows = []
    for i, jmh in enumerate(args.jmh):
        rows += jmh_rows(jmh, args.log[i] if args.log else None)
    if args.sklearn:
        rows += sklearn_rows(args.sklearn)
    shared = []
    for i, jmh in enumerate(args.shared_jmh):
        shared += jmh_rows(jmh, args.shared_log[i] if args.shared_log else None)
    if args.shared_sklearn:
        shared += sklearn_rows(args.shared_sklearn)
    known = shapes(args.log + args.shared_log)
    for workload in dict.fromkeys(r["workload"] for r in rows + shared):
        group = [r for r in rows if r["workload"] == workload]
        if group:
            print_table(workload, group, known, args, shared=False)
        group = [r for r in shared if r["workload"] == workload]
        if group:
            print_table(workload, group, known, args, shared=True)


if __name__ == "__main__":
    main()
