package dev.segmint.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WorkersTest {

  @Test
  void itemsRunConcurrentlyTheFirstOnTheCallingThread() {
    Thread caller = Thread.currentThread();
    Thread[] ran = new Thread[3];
    CountDownLatch all = new CountDownLatch(3);
    Runnable[] work = new Runnable[3];
    for (int i = 0; i < 3; i++) {
      int item = i;
      work[i] = () -> {
        ran[item] = Thread.currentThread();
        all.countDown();
        try {
          // every item waits for the others: passes only if all three run at the same time
          assertTrue(all.await(30, TimeUnit.SECONDS), "items did not run concurrently");
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      };
    }
    Workers.runAll("test", work);
    assertSame(caller, ran[0]);
    assertTrue(ran[1] != caller && ran[2] != caller && ran[1] != ran[2]);
    assertTrue(ran[1].isDaemon() && ran[2].isDaemon());
  }

  @Test
  void theFirstFailureIsRethrownAfterEveryItemFinished() {
    AtomicBoolean slowDone = new AtomicBoolean();
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Workers.runAll("test",
        () -> {
          throw new UncheckedIOException(new IOException("first"));
        },
        () -> {
          try {
            Thread.sleep(200);
          } catch (InterruptedException ie) {
            throw new IllegalStateException(ie);
          }
          slowDone.set(true);
        },
        () -> {
          throw new IllegalArgumentException("third");
        }));
    assertEquals("first", e.getCause().getMessage());
    assertTrue(slowDone.get(), "runAll returned before the slow item finished");
  }

  @Test
  void nestedCallsDoNotDeadlock() {
    int[] count = new int[4];
    Runnable[] outer = new Runnable[2];
    for (int o = 0; o < 2; o++) {
      int base = 2 * o;
      outer[o] = () -> Workers.runAll("inner", () -> count[base]++, () -> count[base + 1]++);
    }
    Workers.runAll("outer", outer);
    assertEquals("[1, 1, 1, 1]", java.util.Arrays.toString(count));
  }
}
