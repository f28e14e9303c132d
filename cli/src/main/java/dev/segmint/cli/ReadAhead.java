package dev.segmint.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.zip.GZIPInputStream;

/**
 * The input files of one command line, read (and gunzipped) on a background thread while picocli builds its model of
 * the command and parses the arguments, so that the CSV reader finds their bytes in memory instead of inflating
 * them on the main thread. A short run's start-up (class loading, picocli's reflection) leaves the second core
 * mostly idle; inflating Online Retail (7.6 MB of gzip, 48 MB of text) is a tenth of {@code segmint segment}.
 *
 * <p>Only what the arguments name after {@code --transactions}, {@code --customers} and {@code --input} is read
 * ahead, and only regular files of at most {@value #MAX_FILE_MB} MB ({@value #MAX_TEXT_MB} MB of text once
 * decompressed). Whether a file is gzip is decided as {@link CsvInput} decides it (the name ends in {@code .gz}, or
 * the content starts with the gzip magic). Anything unusual — a missing file, a pipe, a size over the limits, a
 * broken gzip stream, a file changed (size or modification time) between the read and its use — makes
 * {@link #take} return null, and the reader then opens the file itself as before, with its own messages. So the
 * bytes parsed, and every output, are the same with or without the read-ahead.
 *
 * <p>The read runs as a {@link FutureTask}: if the background thread has not started it when the reader asks,
 * the reader's thread runs it itself; if it is running, the reader waits for it. Memory: the text of each file read
 * ahead, held until its {@link CsvInput} is dropped.
 */
final class ReadAhead {

  static final int MAX_FILE_MB = 256;
  static final int MAX_TEXT_MB = 256;
  private static final long MAX_FILE = (long) MAX_FILE_MB << 20;
  private static final long MAX_TEXT = (long) MAX_TEXT_MB << 20;
  private static final String[] FLAGS = {"--transactions", "--customers", "--input"};

  /** The read-ahead of the command line running on this thread (see {@link SegmintCommand#run}). */
  private static final ThreadLocal<ReadAhead> CURRENT = new ThreadLocal<>();

  /** Bytes read ahead: {@code bytes[0, length)}, the file's text (decompressed when it is gzip). */
  record Text(byte[] bytes, int length) {
    InputStream open() {
      return new ByteArrayInputStream(bytes, 0, length);
    }
  }

  /** One file: its size and modification time when the read started, and the read. */
  private record Entry(long size, FileTime modified, FutureTask<Text> read) {}

  private final Map<Path, Entry> files = new HashMap<>();

  private ReadAhead() {}

  /**
   * Starts reading, on one daemon thread, the regular files that {@code args} name after the flags above, and
   * makes them available to {@link #take} on this thread until {@link #end}. Never throws: a file that cannot be
   * read ahead is left to the reader.
   */
  static void start(String[] args) {
    ReadAhead ahead = new ReadAhead();
    for (int i = 0; i < args.length; i++) {
      String value = null;
      for (String flag : FLAGS) {
        if (args[i].equals(flag) && i + 1 < args.length) {
          value = args[i + 1];
        } else if (args[i].startsWith(flag + "=")) {
          value = args[i].substring(flag.length() + 1);
        }
      }
      if (value != null) {
        ahead.add(value);
      }
    }
    CURRENT.set(ahead);
    if (!ahead.files.isEmpty()) {
      List<FutureTask<Text>> reads = new ArrayList<>();
      for (Entry e : ahead.files.values()) {
        reads.add(e.read());
      }
      Thread t = new Thread(() -> reads.forEach(FutureTask::run), "segmint-read-ahead");
      t.setDaemon(true);
      t.start();
    }
  }

  /** Drops this thread's read-ahead (its bytes stay with any {@link CsvInput} that took them). */
  static void end() {
    CURRENT.remove();
  }

  private void add(String value) {
    try {
      Path file = Path.of(value).toAbsolutePath().normalize();
      if (files.containsKey(file)) {
        return;
      }
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      if (!a.isRegularFile() || a.size() == 0 || a.size() > MAX_FILE) {
        return;
      }
      boolean gzName = file.getFileName() != null && file.getFileName().toString().endsWith(".gz");
      files.put(file, new Entry(a.size(), a.lastModifiedTime(), new FutureTask<>(() -> read(file, gzName))));
    } catch (IOException | RuntimeException e) {
      // not a readable file (or not a path): the reader says what is wrong with it
    }
  }

  /**
   * The text of {@code file} as read ahead for the command line running on this thread, or null (nothing read
   * ahead, the read failed, or the file changed since). Runs the read here if it has not started, waits if it runs.
   */
  static Text take(Path file) {
    ReadAhead ahead = CURRENT.get();
    if (ahead == null) {
      return null;
    }
    try {
      Path key = file.toAbsolutePath().normalize();
      Entry e = ahead.files.remove(key);
      if (e == null) {
        return null;
      }
      e.read().run();
      Text text = e.read().get();
      BasicFileAttributes a = Files.readAttributes(key, BasicFileAttributes.class);
      return text != null && a.size() == e.size() && a.lastModifiedTime().equals(e.modified()) ? text : null;
    } catch (IOException | ExecutionException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The file's text, gunzipped when it is gzip; null when it is over the limits or its gzip stream is broken. */
  private static Text read(Path file, boolean gzName) {
    try {
      byte[] raw = Files.readAllBytes(file);
      boolean gzip = gzName || (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b);
      if (!gzip) {
        return new Text(raw, raw.length);
      }
      // the gzip trailer's last 4 bytes: the text's size modulo 2^32 (of the last member), a first guess when it
      // is plausible (a broken file's trailer is not), else 8 times the file
      long guess = raw.length >= 4 ? (raw[raw.length - 4] & 0xffL) | (raw[raw.length - 3] & 0xffL) << 8
          | (raw[raw.length - 2] & 0xffL) << 16 | (raw[raw.length - 1] & 0xffL) << 24 : 0;
      long first = guess > 0 && guess <= 64L * raw.length ? guess + 1 : 8L * raw.length;
      byte[] out = new byte[(int) Math.min(MAX_TEXT + 1, Math.max(first, 1 << 16))];
      int n = 0;
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
        while (true) {
          if (n == out.length) {
            if (n > MAX_TEXT) {
              return null;
            }
            out = Arrays.copyOf(out, (int) Math.min(MAX_TEXT + 1, 2L * n));
          }
          int r = in.read(out, n, out.length - n);
          if (r < 0) {
            break;
          }
          n += r;
        }
      }
      // text that itself starts like gzip: the reader would sniff it and inflate it again; leave it to the reader
      boolean gzipAgain = n >= 2 && (out[0] & 0xff) == 0x1f && (out[1] & 0xff) == 0x8b;
      return n > MAX_TEXT || gzipAgain ? null : new Text(out, n);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
