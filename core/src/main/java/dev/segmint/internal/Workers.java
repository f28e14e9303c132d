package dev.segmint.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a fixed set of work items on their own daemon threads and waits for all of them. Internal to Segmint (not
 * API): callers split work so that each item writes its own slots, then reduce in a fixed order, which keeps results
 * independent of the thread count.
 */
public final class Workers {
  private Workers() {}

  /**
   * Runs every item, one thread each (the calling thread when there is one item), and returns when all are done.
   * A failure in an item is rethrown (a RuntimeException or Error as is; anything else wrapped, with {@code what}).
   *
   * @param what a short description for thread names and error messages, e.g. "profiling"
   */
  public static void runAll(String what, Runnable... work) {
    if (work.length == 1) {
      work[0].run();
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(work.length, r -> {
      Thread th = new Thread(r, "segmint-" + what);
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<?>> futures = new ArrayList<>(work.length);
      for (Runnable r : work) {
        futures.add(pool.submit(r));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(what + " failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }
}
