package dev.segmint.cluster;

import dev.segmint.internal.Threads;
import dev.segmint.internal.Workers;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntToDoubleFunction;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * Fixed blocks of points processed by up to a fixed number of threads. Block boundaries depend only on n, never on
 * the thread count, and reductions run in block order afterwards, so results are identical for any thread count.
 *
 * <p>Threads claim blocks one at a time from a shared counter (a loaded core does not hold back the others), the
 * calling thread among them; the other threads come from the process-wide pool of {@link Workers}, so creating
 * a {@code Blocks} costs no thread start. Close it when done: a closed {@code Blocks} refuses further work.
 */
final class Blocks implements AutoCloseable {

  /** Points per block. */
  static final int SIZE = 2048;

  final int n;
  final int count;
  private final int threads;
  private boolean closed;

  /** Blocks over n points for {@code threads} threads (0: all available processors; capped at the block count). */
  Blocks(int n, int threads) {
    this.n = n;
    this.count = Math.max(1, (n + SIZE - 1) / SIZE);
    this.threads = Math.max(1, Math.min(Threads.resolve(threads), count));
  }

  int from(int block) {
    return block * SIZE;
  }

  int to(int block) {
    return Math.min(n, (block + 1) * SIZE);
  }

  /** The number of threads that run {@link #forEach} (at most the number of blocks). */
  int threads() {
    return threads;
  }

  /** Runs {@code body} for every block; returns when all are done. */
  void forEach(IntConsumer body) {
    if (closed) {
      throw new IllegalStateException("these blocks are closed");
    }
    if (threads == 1) {
      for (int b = 0; b < count; b++) {
        body.accept(b);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int b = next.getAndIncrement(); b < count; b = next.getAndIncrement()) {
        body.accept(b);
      }
    };
    Runnable[] work = new Runnable[threads];
    Arrays.fill(work, worker);
    Workers.runAll("processing blocks", work);
  }

  /**
   * Runs {@code body} for every block with a scratch object of the running thread: each thread takes one from
   * {@code scratch} before its first block and reuses it for all the blocks it claims, so per-block buffers stay
   * in cache and are not reallocated. The scratch must not carry results from one block to the next.
   */
  <S> void forEach(Supplier<S> scratch, ObjIntConsumer<S> body) {
    if (closed) {
      throw new IllegalStateException("these blocks are closed");
    }
    if (threads == 1) {
      S s = scratch.get();
      for (int b = 0; b < count; b++) {
        body.accept(s, b);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      S s = null;
      for (int b = next.getAndIncrement(); b < count; b = next.getAndIncrement()) {
        if (s == null) {
          s = scratch.get();
        }
        body.accept(s, b);
      }
    };
    Runnable[] work = new Runnable[threads];
    Arrays.fill(work, worker);
    Workers.runAll("processing blocks", work);
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
    closed = true;
  }
}
