package dev.segmint.cli;

import dev.segmint.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files one command writes, planned before the work and written together at the end:
 * <ol>
 *   <li>{@link #check()}, before any input is read: two outputs naming one file, an output naming an input, an
 *       output that is a link, folder, device or pipe, a missing folder and a folder where no file can be created
 *       are all refused with one sentence (exit 2);</li>
 *   <li>{@link #write}/{@link #save} stage each output as a temporary file beside its target;</li>
 *   <li>{@link #commit()} moves them all into place; {@link #close()} removes whatever was not committed, so a run
 *       that fails (bad input found late, a full disk while writing the model) leaves none of its outputs and every
 *       older output as it was.</li>
 * </ol>
 * Write failures become bad input: "cannot write FILE: reason; fix".
 */
final class Outputs implements AutoCloseable {

  private record Named(String flag, Path path) {}

  private final List<Named> inputs = new ArrayList<>();
  private final List<Named> outputs = new ArrayList<>();
  private final AtomicFiles.Batch batch = new AtomicFiles.Batch();

  /** An input file of the command (ignored when null): no output may name it. */
  Outputs input(String flag, Path file) {
    if (file != null) {
      inputs.add(new Named(flag, file));
    }
    return this;
  }

  /** An output file of the command (ignored when null). */
  Outputs output(String flag, Path file) {
    if (file != null) {
      outputs.add(new Named(flag, file));
    }
    return this;
  }

  /** Checks every output location before the work starts; see the class comment. */
  Outputs check() {
    for (int i = 0; i < outputs.size(); i++) {
      Named o = outputs.get(i);
      for (Named in : inputs) {
        if (same(o.path(), in.path())) {
          throw new BadInputException(o.flag() + " " + o.path() + " is the " + in.flag() + " file; write the output "
              + "to another file so that the input is kept");
        }
      }
      for (int j = 0; j < i; j++) {
        Named p = outputs.get(j);
        if (same(o.path(), p.path())) {
          throw new BadInputException(p.flag() + " and " + o.flag() + " both name " + o.path() + "; give each output "
              + "its own file");
        }
      }
    }
    for (Named o : outputs) {
      try {
        AtomicFiles.checkWritable(o.path());   // IllegalArgumentException (exit 2) for a link, folder, device ...
      } catch (IOException e) {
        throw badInput(e);
      }
    }
    return this;
  }

  /** Stages {@code content} for {@code file}, which must be one of the outputs. */
  void write(Path file, AtomicFiles.Content content) {
    try {
      batch.write(file, content);
    } catch (IOException e) {
      throw badInput(e);
    }
  }

  /** Stages a file written by a library writer such as {@code SegmentationModel::save}. */
  void save(Path file, AtomicFiles.Saver saver) {
    try {
      batch.save(file, saver);
    } catch (IOException e) {
      throw badInput(e);
    }
  }

  /** Moves every staged output into place. */
  void commit() {
    try {
      batch.commit();
    } catch (IOException e) {
      throw badInput(e);
    }
  }

  /** Removes the staged outputs that were not committed. */
  @Override
  public void close() {
    batch.close();
  }

  private static BadInputException badInput(IOException e) {
    return new BadInputException(e instanceof AtomicFiles.WriteFailedException ? e.getMessage()
        : "cannot write: " + e.getMessage() + "; choose a writable folder with free space", e);
  }

  /**
   * Whether two paths name one file: the same folder (by its real path, so {@code ./x}, {@code x} and
   * {@code link/x} agree) and name, or the same existing file (a hard or symbolic link to it).
   */
  static boolean same(Path a, Path b) {
    if (key(a).equals(key(b))) {
      return true;
    }
    try {
      return Files.exists(a, LinkOption.NOFOLLOW_LINKS) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  private static Path key(Path p) {
    Path abs = p.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null || abs.getFileName() == null) {
      return abs.normalize();
    }
    try {
      return dir.toRealPath().resolve(abs.getFileName());
    } catch (IOException | SecurityException e) {
      return abs.normalize();
    }
  }
}
