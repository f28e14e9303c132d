package dev.segmint.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An input stream whose bytes are read from another stream by a background thread, a few chunks ahead of the
 * reader: for a {@code .csv.gz} file, the inflating (about a fifth of the read on Online Retail) runs on the second
 * core while the parser works on the chunk before. The bytes are the same, in the same order; an exception of the
 * underlying stream is thrown by the read that reaches it, as the same exception.
 *
 * <p>Memory: at most {@link #CHUNKS} + 1 chunks of {@link #CHUNK} bytes (2 MiB), reused, made by the background
 * thread (so the page faults of their first use are not on the reader's thread); large, as each handoff can wake
 * a thread. One thread per stream, a daemon, ended by {@link #close()}, which also closes the underlying stream (on
 * that thread). Not for concurrent readers.
 */
final class ReadAhead extends InputStream {
  static final int CHUNK = 1 << 19;
  static final int CHUNKS = 3;
  private static final byte[] END = new byte[0];

  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 2);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS + 2);
  private final Thread thread;
  private volatile boolean closed;
  private Chunk current;
  private int pos;
  private boolean ended;

  /** A filled buffer: bytes [0, length), or the end of the stream (with the exception that ended it, if any). */
  private record Chunk(byte[] bytes, int length, Throwable failure) {
  }

  ReadAhead(InputStream in) {
    thread = new Thread(() -> pump(in), "segmint-read-ahead");
    thread.setDaemon(true);
    thread.start();
  }

  private void pump(InputStream in) {
    Throwable failure = null;
    try (in) {
      boolean more = true;
      int made = 0;
      while (more && !closed) {
        // the buffers are made here, as they are needed: their pages are first touched on this thread
        byte[] b = free.poll();
        if (b == null && made < CHUNKS + 1) {
          b = new byte[CHUNK];
          made++;
        } else if (b == null) {
          b = free.take();
        }
        int n = 0;
        try {
          while (n < b.length) {
            int r = in.read(b, n, b.length - n);
            if (r < 0) {
              more = false;
              break;
            }
            n += r;
          }
        } finally {
          // the bytes read before an exception come before it, as they would from the source itself
          if (n > 0) {
            full.put(new Chunk(b, n, null));
          }
        }
      }
    } catch (InterruptedException e) {
      return;
    } catch (IOException | RuntimeException | Error e) {
      failure = e;
    }
    try {
      full.put(new Chunk(END, 0, failure));
    } catch (InterruptedException e) {
      // closed while waiting: nobody reads the end
    }
  }

  /** The chunk with bytes left to read, or null at the end (after throwing its exception, if any). */
  private Chunk chunk() throws IOException {
    if (current != null && pos < current.length) {
      return current;
    }
    if (ended) {
      return null;
    }
    if (current != null && current.bytes != END) {
      free.add(current.bytes);
    }
    try {
      current = full.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading ahead");
    }
    pos = 0;
    if (current.bytes == END) {
      ended = true;
      Throwable t = current.failure;
      if (t instanceof IOException io) {
        throw io;
      }
      if (t instanceof RuntimeException re) {
        throw re;
      }
      if (t instanceof Error err) {
        throw err;
      }
      return null;
    }
    return current;
  }

  @Override
  public int read() throws IOException {
    Chunk c = chunk();
    return c == null ? -1 : c.bytes[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    int done = 0;
    while (done < len) {
      Chunk c = chunk();
      if (c == null) {
        break;
      }
      int n = Math.min(len - done, c.length - pos);
      System.arraycopy(c.bytes, pos, b, off + done, n);
      pos += n;
      done += n;
    }
    return done == 0 ? -1 : done;
  }

  @Override
  public int available() {
    return current == null ? 0 : current.length - pos;
  }

  /** Stops the background thread and closes the underlying stream; waits until both are done. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    thread.interrupt();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    ended = true;
    current = null;
    full.clear();
  }

  /** For tests: whether the background thread has ended. */
  boolean threadEnded() {
    return !thread.isAlive();
  }
}
