#!/usr/bin/python3
"""Markdown table of the k-means comparison: JMH times (-rf json), the kmeans-outcome lines of the JMH log
(iterations, inertia) and, when given, sklearn_kmeans.py --json results. Standard library only.

For each workload: time per fit, iterations, time per iteration, inertia and its ratio to the lowest, and the
ratios of time and time per iteration to the best peer (the fastest implementation that is not Segmint).
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


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--jmh", required=True, action="append", help="JMH result JSON (-rf json -rff FILE); repeatable")
    p.add_argument("--log", action="append", default=[],
                   help="JMH console log with kmeans-outcome lines, one per --jmh, in the same order")
    p.add_argument("--sklearn", help="sklearn_kmeans.py --json output")
    p.add_argument("--gflops", type=float, default=23.0,
                   help="double GFLOP/s of one core on the distance kernel (LimitsBenchmark; default 23)")
    p.add_argument("--gbs1", type=float, default=13.0, help="streaming GB/s of one core (default 13)")
    p.add_argument("--gbs2", type=float, default=23.0, help="streaming GB/s of two cores (default 23)")
    args = p.parse_args()
    if args.log and len(args.log) != len(args.jmh):
        sys.exit("give one --log per --jmh, in the same order")
    rows = []
    for i, jmh in enumerate(args.jmh):
        rows += jmh_rows(jmh, args.log[i] if args.log else None)
    if args.sklearn:
        for r in json.load(open(args.sklearn, encoding="utf-8")):
            rows.append({k: r.get(k) for k in ("workload", "implementation", "threads", "time_ms", "iterations",
                                                "inertia")} | {"time_err_ms": r.get("time_sd_ms")})
    known = shapes(args.log)
    for workload in dict.fromkeys(r["workload"] for r in rows):
        group = sorted((r for r in rows if r["workload"] == workload), key=lambda r: r["time_ms"])
        peers = [r for r in group if not r["implementation"].startswith("segmint")]
        best = peers[0] if peers else None
        best_per_iter = min((r["time_ms"] / r["iterations"] for r in peers if r["iterations"]), default=None)
        low = min((r["inertia"] for r in group if r["inertia"] is not None), default=None)
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
        mine = [r for r in group if r["implementation"] == "segmint" and r["iterations"]]
        if shape and mine:
            n, d, k = shape
            parts = []
            for r in sorted(mine, key=lambda r: r["threads"]):
                t = int(r["threads"]) if str(r["threads"]).isdigit() else 1
                lim = limit_ms(n, d, k, t, args.gflops, args.gbs1, args.gbs2)
                per_iter = r["time_ms"] / r["iterations"]
                parts.append(f"{t} thread{'s' if t > 1 else ''}: limit {lim:,.3g} ms, Segmint {per_iter:,.3g} ms "
                             f"({per_iter / lim:,.1f}× the limit)")
            print(f"\nPhysical limit per Lloyd iteration (n·k·d·3 flops at {args.gflops:g} GFLOP/s per core, or one "
                  f"pass over {8 * n * d / 1e6:,.3g} MB at {args.gbs1:g} / {args.gbs2:g} GB/s on 1 / 2 cores, "
                  f"whichever is slower; Segmint's ms / iteration includes seeding): " + "; ".join(parts) + ".")


if __name__ == "__main__":
    main()
