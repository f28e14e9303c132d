package dev.segmint.benchmarks.kmeans;

import java.util.Locale;

/**
 * What one k-means run reached, for the benchmark log and the sanity tests.
 *
 * @param workload workload name
 * @param peer peer name, e.g. {@code segmint}, {@code elki-hamerly}
 * @param threads threads the peer used, as text ("1", "2", "common pool")
 * @param n points clustered
 * @param labelled points that received a label from the peer ({@code n} when it labels every point)
 * @param iterations iterations the peer ran (its own count; see {@link Peers} for each peer's meaning)
 * @param inertia sum over points of the squared distance to the nearest returned centroid, computed here the
 *     same way for every peer
 * @param reportedInertia the inertia the peer reports itself, or NaN when it reports none
 */
public record Outcome(String workload, String peer, String threads, int n, int labelled, int iterations,
    double inertia, double reportedInertia) {

  /** Prefix of the line {@link #toLogLine()} writes, which {@code scripts/kmeans_table.py} looks for. */
  public static final String LOG_PREFIX = "kmeans-outcome";

  /** One line, {@code kmeans-outcome workload=… peer=… threads=… iterations=… inertia=…}. */
  public String toLogLine() {
    return String.format(Locale.ROOT,
        "%s workload=%s peer=%s threads=%s n=%d labelled=%d iterations=%d inertia=%.17g reported_inertia=%.17g",
        LOG_PREFIX, workload, peer, threads.replace(' ', '_'), n, labelled, iterations, inertia, reportedInertia);
  }
}
