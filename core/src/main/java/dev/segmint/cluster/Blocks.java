package dev.segmint.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.IntToDoubleFunction;

/**
 * Fixed blocks of points processed by a fixed number of threads. Block boundaries depend only on n, never on the
 * thread count, and reductions run in block order afterwards, so results are identical for any thread count.
 * Owns its threads: close it when done.
 */
final class Blocks implements AutoCloseable {

  /** Points per block. */
  static final int SIZE = 2048;

  final int n;
  final int count;
  private final int threads;
  private final ExecutorService pool;

  Blocks(int n, int threads) {
    this.n = n;
    this.count = Math.max(1, (n + SIZE - 1) / SIZE);
    this.threads = Math.max(1, Math.min(threads, count));
    this.pool = this.threads > 1 ? Executors.newFixedThreadPool(this.threads, r -> {
      Thread t = new Thread(r, "segmint-worker");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  int from(int block) {
    return block * SIZE;
  }

  int to(int block) {
    return Math.min(n, (block + 1) * SIZE);
  }

  /** Runs {@code body} for every block; returns when all are done. */
  void forEach(IntConsumer body) {
    if (pool == null) {
      for (int b = 0; b < count; b++) {
        body.accept(b);
      }
      return;
    }
    List<Future<?>> futures = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      final int worker = t;
      futures.add(pool.submit(() -> {
        for (int b = worker; b < count; b += threads) {
          body.accept(b);
        }
      }));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      }
    }
  }

  /** Sum of {@code body(block)} over blocks, added in block order (deterministic). */
  double sum(IntToDoubleFunction body) {
    double[] partial = new double[count];
    forEach(b -> partial[b] = body.applyAsDouble(b));
    double s = 0;
    for (double p : partial) {
      s += p;
    }
    return s;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
