package dev.segmint.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes output files so that readers see the old file or the whole new one, never a partial file, and so that
 * nothing but the outputs asked for is ever changed. Internal to Segmint (not API): reports, model files,
 * dendrograms and the command line's outputs all write through it.
 *
 * <p>The rules, in order:
 * <ul>
 *   <li><b>Only regular files are replaced.</b> An existing target that is a symbolic link, a folder, a device, a
 *       named pipe or a socket is refused ({@link IllegalArgumentException}); a rename over {@code /dev/null} or
 *       over a link would destroy it.</li>
 *   <li><b>One rule for folders:</b> the target's folder must exist; it is never created (creating folders
 *       would touch files outside the outputs asked for).</li>
 *   <li><b>Short temporary names</b> {@code .segmint-<pid>-<n>.tmp} in the target's folder (never longer than the
 *       target's name allows: a 255-byte file name can still be written), with the default permissions.</li>
 *   <li><b>No temporary file is left</b>: on any failure it is removed; on JVM shutdown (SIGTERM, Ctrl-C,
 *       {@code System.exit}) a shutdown hook removes the ones still being written; and a write into a folder
 *       first removes Segmint temporaries there whose process is gone (a run killed with SIGKILL).</li>
 *   <li><b>Write failures name the target</b>: {@link WriteFailedException}, "cannot write FILE: reason; what to
 *       do", never the temporary file's name.</li>
 * </ul>
 *
 * <p>{@link Batch} stages several files and moves them into place only when all were written, so a command whose
 * last output fails leaves none of its outputs (and every older output as it was).
 *
 * <p>Limits: the checks and the final rename are not one atomic step (a symbolic link created in between by
 * another process is replaced, not followed); a process in another PID namespace sharing the folder counts as gone.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What goes into a file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer w) throws IOException;
  }

  /** Writes a whole file at the given path (a library writer such as {@code SegmentationModel::save}). */
  @FunctionalInterface
  public interface Saver {
    void saveTo(Path file) throws IOException;
  }

  /** An output could not be written: the message names the target and the reason and says what to do. */
  public static final class WriteFailedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final String reason;

    WriteFailedException(Path file, String reason, Throwable cause) {
      super("cannot write " + file + ": " + reason, cause);
      this.file = file;
      this.reason = reason;
    }

    /** The output that could not be written (as the caller named it). */
    public Path file() {
      return file;
    }

    /** Why, with the fix: the message after "cannot write FILE: ". */
    public String reason() {
      return reason;
    }
  }

  /** Temporary files of this process: {@code .segmint-<pid>-<n>.tmp}. */
  static final Pattern TEMP = Pattern.compile("\\.segmint-(\\d{1,19})-(\\d{1,19})\\.tmp");
  private static final long PID = ProcessHandle.current().pid();
  private static final AtomicLong COUNTER = new AtomicLong();
  /** Temporary files of this process that exist or are being created; the shutdown hook removes them. */
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
  private static volatile boolean shuttingDown;

  private static final class Hook {
    static {
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::removeLive, "segmint-temporary-files"));
      } catch (IllegalStateException e) {
        shuttingDown = true;   // already shutting down: create() deletes what it creates
      }
    }

    static void ensure() {
      // the static initializer ran
    }
  }

  private static void removeLive() {
    shuttingDown = true;
    for (Path p : LIVE) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException | RuntimeException e) {
        // nothing more can be done while the JVM exits
      }
    }
  }

  /** {@link #write(Path, Content)} of a string. */
  public static void writeString(Path file, String text) throws IOException {
    write(file, w -> w.write(text));
  }

  /**
   * Writes UTF-8 to a new temporary file beside {@code file}, then renames it over {@code file}, atomically where
   * the file system allows. On any failure the temporary file is removed and the target is left as it was.
   *
   * @throws IllegalArgumentException when {@code file} is refused (see {@link #checkTarget})
   * @throws WriteFailedException when writing fails (no permission, read-only or full disk, name too long)
   */
  public static void write(Path file, Content content) throws IOException {
    try (Batch b = new Batch()) {
      b.write(file, content);
      b.commit();
    }
  }

  /**
   * Refuses a target that must not be replaced, with a message naming the file, what it is and the fix: a
   * symbolic link, a folder, a device, a pipe or a socket; a target whose folder does not exist or is not a
   * folder. A missing target in an existing folder, or an existing regular file, passes.
   *
   * @throws IllegalArgumentException when refused
   */
  public static void checkTarget(Path file) {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null || abs.getFileName() == null) {
      throw new IllegalArgumentException("cannot write " + file + ": it is not a file name; give the path of a file, "
          + "e.g. out.csv");
    }
    BasicFileAttributes a = attributes(abs);
    if (a != null) {
      if (a.isSymbolicLink()) {
        String to;
        try {
          to = " (to " + Files.readSymbolicLink(abs) + ")";
        } catch (IOException | UnsupportedOperationException e) {
          to = "";
        }
        throw new IllegalArgumentException("cannot write " + file + ": it is a symbolic link" + to + ", which Segmint "
            + "does not replace or follow; give the path of the real file or remove the link");
      }
      if (a.isDirectory()) {
        throw new IllegalArgumentException("cannot write " + file + ": it is a folder; give a file name, e.g. "
            + abs.resolve("out.csv"));
      }
      if (!a.isRegularFile()) {
        throw new IllegalArgumentException("cannot write " + file + ": it is " + kind(abs) + ", not a regular file, "
            + "and Segmint replaces its outputs whole; give the path of a regular file");
      }
    }
    if (!Files.isDirectory(dir)) {   // a symbolic link to a folder is a folder here: the rule is about the target
      Path existing = dir;
      while (existing != null && attributes(existing) == null) {
        existing = existing.getParent();
      }
      if (existing == dir || (existing != null && !Files.isDirectory(existing))) {
        throw new IllegalArgumentException("cannot write " + file + ": " + existing + " is not a folder; choose a file "
            + "in an existing folder");
      }
      throw new IllegalArgumentException("cannot write " + file + ": folder " + dir + " does not exist; create it "
          + "first");
    }
  }

  /**
   * {@link #checkTarget} and then a real test that a file can be created in the target's folder: a temporary file is
   * created and removed at once (stale temporaries of killed runs there are removed too). Call it before long work.
   *
   * @throws WriteFailedException when no file can be created there (permission, read-only disk, name too long)
   */
  public static void checkWritable(Path file) throws IOException {
    checkTarget(file);
    Path abs = file.toAbsolutePath();
    removeStale(abs);
    Path tmp = null;
    try {
      try {
        // the target's own name may be too long even when the temporary name is not: stat tells
        Files.readAttributes(abs, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        // the usual case: a new output
      }
      tmp = create(abs);
    } catch (IOException e) {
      throw failed(file, abs, e);
    } finally {
      release(tmp);
    }
  }

  /**
   * Stages files: each {@link #write} goes to its own temporary file beside its target, and {@link #commit} moves them
   * all into place. {@link #close} removes whatever was not committed, so
   * {@code try (Batch b = new Batch()) { b.write(...); b.write(...); b.commit(); }} leaves either every output
   * written or none changed (up to a failing rename in the middle of the commit, which needs a file system fault).
   * Not thread-safe.
   */
  public static final class Batch implements AutoCloseable {
    /** target (its folder's real path and its name) → its staged temporary file. */
    private final Map<Path, Path> staged = new LinkedHashMap<>();
    /** the same key → the target as the caller named it, for messages. */
    private final Map<Path, Path> named = new LinkedHashMap<>();
    private boolean committed;

    /** Writes {@code content} as UTF-8 to a temporary file that {@link #commit} moves to {@code file}. */
    public void write(Path file, Content content) throws IOException {
      save(file, tmp -> {
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
          content.writeTo(w);
        }
      });
    }

    /**
     * Lets {@code saver} write a temporary file (which exists, empty, and may be replaced) that {@link #commit}
     * moves to {@code file}.
     */
    public void save(Path file, Saver saver) throws IOException {
      if (committed) {
        throw new IllegalStateException("this batch was committed");
      }
      checkTarget(file);
      Path abs = file.toAbsolutePath();
      Path key = key(abs);
      if (staged.containsKey(key)) {
        throw new IllegalArgumentException("cannot write " + file + " twice in one run: " + named.get(key) + " and "
            + file + " name the same file; give each output its own file");
      }
      removeStale(abs);
      Path tmp = null;
      try {
        tmp = create(abs);
        saver.saveTo(tmp);
      } catch (WriteFailedException e) {
        release(tmp);
        throw new WriteFailedException(file, e.reason(), e);
      } catch (IOException e) {
        release(tmp);
        throw failed(file, abs, e);
      } catch (RuntimeException | Error e) {
        release(tmp);
        throw e;
      }
      staged.put(key, tmp);
      named.put(key, file);
    }

    /**
     * Moves every staged file over its target (checked again: it must still not be a link, folder or special
     * file), atomically where the file system allows.
     */
    public void commit() throws IOException {
      if (committed) {
        throw new IllegalStateException("this batch was committed");
      }
      for (Path key : staged.keySet()) {
        checkTarget(named.get(key));
      }
      committed = true;
      for (Map.Entry<Path, Path> e : staged.entrySet()) {
        Path target = e.getKey();
        Path tmp = e.getValue();
        try {
          try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          } catch (AtomicMoveNotSupportedException ex) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
          }
        } catch (IOException ex) {
          throw failed(named.get(target), target, ex);
        } finally {
          release(tmp);
        }
      }
    }

    /** Removes every temporary file that was not committed. */
    @Override
    public void close() {
      for (Path tmp : staged.values()) {
        release(tmp);
      }
      staged.clear();
    }
  }

  // ------------------------------------------------------------------------------------------------ internals

  /** The absolute target with its folder's real path, so {@code ./x}, {@code x} and {@code link/x} compare equal. */
  private static Path key(Path abs) {
    try {
      return abs.getParent().toRealPath().resolve(abs.getFileName());
    } catch (IOException e) {
      return abs.normalize();
    }
  }

  /** Creates a new empty temporary file beside {@code abs} and registers it for removal at shutdown. */
  private static Path create(Path abs) throws IOException {
    Hook.ensure();
    Path dir = abs.getParent();
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve(".segmint-" + PID + "-" + COUNTER.incrementAndGet() + ".tmp");
      LIVE.add(tmp);
      try {
        Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        LIVE.remove(tmp);
        if (attempt < 100) {
          continue;
        }
        throw e;
      } catch (IOException | RuntimeException e) {
        LIVE.remove(tmp);
        throw e;
      }
      if (shuttingDown) {
        release(tmp);
        throw new IOException("the program is shutting down");
      }
      return tmp;
    }
  }

  /** Deletes a temporary file (if any) and forgets it; never throws. */
  private static void release(Path tmp) {
    if (tmp == null) {
      return;
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      // nothing left to do: the next write into this folder removes it (its process will be gone)
    } finally {
      LIVE.remove(tmp);
    }
  }

  /**
   * Removes, from the folder of {@code abs}, Segmint temporary files whose process is gone (a run killed before its
   * shutdown hook could run), and those of this process that are not in use (a killed earlier run with the same
   * pid, common in containers). Also removes the temporaries that earlier Segmint versions named after {@code abs}
   * ({@code .NAME.<pid>.<hex>.tmp}) when their process is gone. Best effort: never throws.
   */
  static void removeStale(Path abs) {
    Path dir = abs.getParent();
    Pattern legacy = Pattern.compile("\\." + Pattern.quote(abs.getFileName().toString())
        + "\\.(\\d{1,19})\\.[0-9a-f]{1,16}\\.tmp");
    List<Path> stale = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> {
      String n = p.getFileName().toString();
      return n.endsWith(".tmp") && n.startsWith(".");
    })) {
      for (Path p : s) {
        String n = p.getFileName().toString();
        Matcher m = TEMP.matcher(n);
        Matcher l = legacy.matcher(n);
        String pid = m.matches() ? m.group(1) : l.matches() ? l.group(1) : null;
        if (pid != null && gone(pid, p) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          stale.add(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      return;
    }
    for (Path p : stale) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // another run may be removing it too, or the folder is read-only: the write itself will tell
      }
    }
  }

  private static boolean gone(String pidText, Path tmp) {
    long pid;
    try {
      pid = Long.parseLong(pidText);
    } catch (NumberFormatException e) {
      return false;
    }
    if (pid == PID) {
      return !LIVE.contains(tmp);
    }
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    return h.isEmpty() || !h.get().isAlive();
  }

  private static BasicFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** What a non-regular, non-folder, non-link file is, in words. */
  static String kind(Path p) {
    try {
      Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      if (mode instanceof Integer m) {
        switch (m & 0170000) {
          case 0010000: return "a named pipe (FIFO)";
          case 0020000: return "a character device";
          case 0060000: return "a block device";
          case 0140000: return "a socket";
          default: break;
        }
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // not a Unix file system view: fall through
    }
    return "a special file (a device, pipe or socket)";
  }

  /** The failure to write {@code file} in words, with the fix. */
  static WriteFailedException failed(Path file, Path abs, IOException e) {
    if (e instanceof WriteFailedException w) {
      return w;
    }
    Path dir = abs.getParent();
    // a FileSystemException's message names the temporary file: only its reason is shown
    String raw = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
    String r = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
    String reason;
    if (e instanceof NoSuchFileException) {
      reason = "files cannot be created in " + dir + "; choose a writable folder";
    } else if (e instanceof AccessDeniedException || r.contains("permission denied") || r.contains("operation not permitted")) {
      reason = "no permission to create files in " + dir + "; choose a writable folder";
    } else if (r.contains("read-only file system")) {
      reason = "the folder " + dir + " is on a read-only file system; choose a writable folder";
    } else if (r.contains("no space left") || r.contains("not enough space") || r.contains("disk full")) {
      reason = "no space left on the disk of " + dir + "; free some space or choose a folder on another disk";
    } else if (r.contains("quota")) {
      reason = "the disk quota is exceeded in " + dir + "; free some space or choose another folder";
    } else if (r.contains("file name too long") || r.contains("name too long")) {
      reason = "the file name is too long (" + abs.getFileName().toString().getBytes(StandardCharsets.UTF_8).length
          + " bytes; most file systems allow 255); choose a shorter name";
    } else {
      reason = (raw == null || raw.isBlank() ? "the file system refused it (" + e.getClass().getSimpleName() + ")"
          : raw.strip()) + "; choose a writable folder with free space";
    }
    return new WriteFailedException(file, reason, e);
  }
}
