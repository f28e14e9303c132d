#!/usr/bin/python3
"""The pandas + scikit-learn side of the whole-process comparison (benchmarks/scripts/e2e.sh).

Each job does what the Segmint command it is compared with does, start to finish, in one process:

  rfm TX OUT        read the transactions CSV (gzip), drop rows without a customer, amount = Quantity x UnitPrice,
                    keep amount > 0, per customer recency / frequency (distinct invoices) / monetary / tenure /
                    average order value as of the day after the last purchase, quintile scores 1..5 and the
                    R-F-M code, written as CSV  (= segmint rfm)
  segment TX OUT    the rfm job's features, log1p of recency, frequency and monetary, standard scaling, KMeans
                    k = 5 with 4 initialisations (random_state 42), silhouette (all customers), Calinski-Harabasz
                    and Davies-Bouldin, per-segment means (the profile), customer_id,segment written
                    (= segmint segment ... --k 5 --seed 42)
  kauto CSV OUT     standard scaling, then for k = 3..10 KMeans(k, n_init=4, random_state=0) and silhouette_score on
                    all points; the k with the largest silhouette; labels written  (= segmint cluster --k auto)
  blobs N D OUT     writes the k-auto data set: N points in D dimensions around 6 Gaussian blobs (seed 20261202),
                    columns id,x1..xD (not timed)

Use Debian's interpreter (/usr/bin/python3) with python3-pandas and python3-sklearn.
"""
import sys

import numpy as np


def rfm(tx):
    import pandas as pd
    df = pd.read_csv(tx, dtype={"CustomerID": str, "InvoiceNo": str, "StockCode": str})
    df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"])
    df = df.dropna(subset=["CustomerID"])
    df["amount"] = df["Quantity"] * df["UnitPrice"]
    df = df[df["amount"] > 0]
    day = df["InvoiceDate"].dt.normalize()
    as_of = day.max() + pd.Timedelta(days=1)
    df = df.assign(day=day)
    g = df.groupby("CustomerID").agg(last=("day", "max"), first=("day", "min"),
                                     frequency=("InvoiceNo", "nunique"), monetary=("amount", "sum"))
    g["recency_days"] = (as_of - g["last"]).dt.days
    g["tenure_days"] = (as_of - g["first"]).dt.days
    g["avg_order_value"] = g["monetary"] / g["frequency"]
    g["r_score"] = pd.qcut(g["recency_days"].rank(method="first", ascending=False), 5, labels=False) + 1
    g["f_score"] = pd.qcut(g["frequency"].rank(method="first"), 5, labels=False) + 1
    g["m_score"] = pd.qcut(g["monetary"].rank(method="first"), 5, labels=False) + 1
    g["rfm_code"] = g["r_score"].astype(str) + g["f_score"].astype(str) + g["m_score"].astype(str)
    g = g.drop(columns=["last", "first"])
    g.index.name = "customer_id"
    return g


def segment(tx, out):
    from sklearn.cluster import KMeans
    from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score
    from sklearn.preprocessing import StandardScaler
    g = rfm(tx)
    x = np.log1p(g[["recency_days", "frequency", "monetary"]].to_numpy(dtype=float))
    x = StandardScaler().fit_transform(x)
    km = KMeans(n_clusters=5, n_init=4, random_state=42).fit(x)
    labels = km.labels_
    quality = (silhouette_score(x, labels), calinski_harabasz_score(x, labels), davies_bouldin_score(x, labels))
    g["segment"] = labels
    profile = g.groupby("segment").mean(numeric_only=True)
    g[["segment"]].to_csv(out)
    print("silhouette %.4f, CH %.1f, DB %.4f" % quality, file=sys.stderr)
    print(profile.round(1).to_string(), file=sys.stderr)


def kauto(path, out):
    import pandas as pd
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import StandardScaler
    df = pd.read_csv(path, dtype={"id": str})
    x = StandardScaler().fit_transform(df.drop(columns=["id"]).to_numpy(dtype=float))
    best = None
    for k in range(3, 11):
        labels = KMeans(n_clusters=k, n_init=4, random_state=0).fit(x).labels_
        s = silhouette_score(x, labels)
        print("k %d silhouette %.4f" % (k, s), file=sys.stderr)
        if best is None or s > best[0]:
            best = (s, k, labels)
    print("chosen k %d" % best[1], file=sys.stderr)
    pd.DataFrame({"customer_id": df["id"], "segment": best[2]}).to_csv(out, index=False)


def blobs(n, d, out):
    rng = np.random.default_rng(20261202)
    centres = rng.normal(0, 4, size=(6, d))
    which = rng.integers(0, 6, size=n)
    x = centres[which] + rng.normal(0, 1.5, size=(n, d))
    with open(out, "w") as f:
        f.write("id," + ",".join("x%d" % (j + 1) for j in range(d)) + "\n")
        for i in range(n):
            f.write("c%d," % (i + 1) + ",".join("%.6f" % v for v in x[i]) + "\n")


if __name__ == "__main__":
    job = sys.argv[1]
    if job == "rfm":
        rfm(sys.argv[2]).to_csv(sys.argv[3])
    elif job == "segment":
        segment(sys.argv[2], sys.argv[3])
    elif job == "kauto":
        kauto(sys.argv[2], sys.argv[3])
    elif job == "blobs":
        blobs(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit("unknown job " + job)
