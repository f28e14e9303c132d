package io.github.classgraph;

/**
 * Segmint's stand-in for ClassGraph in the {@code segmint} command (the library itself uses the real one).
 *
 * <p>Tablesaw's {@code Table} scans its {@code tech.tablesaw.io} package with ClassGraph in a static initialiser,
 * only to find the classes that implement {@code DataReader} and {@code DataWriter} and load them. That scan ran
 * at the start of every command (ClassGraph loads itself and reads the jar), for four names that never change
 * within a Tablesaw version. The command line excludes ClassGraph from its dependencies and ships these three
 * classes instead, with exactly the calls {@code Table} makes; {@code TablesawReadersTest} checks the names against the classes of the Tablesaw jar
 * on the class path, so a Tablesaw upgrade that adds a reader or writer fails the build instead of losing it.
 */
public final class ClassGraph {
  /** Accepted and ignored: the names are known. */
  public ClassGraph enableAllInfo() {
    return this;
  }

  /** Accepted and ignored: Tablesaw passes {@code tech.tablesaw.io}. */
  public ClassGraph whitelistPackages(String... packages) {
    return this;
  }

  /** The result of "scanning" {@code tech.tablesaw.io}: Tablesaw's readers and writers. */
  public ScanResult scan() {
    return new ScanResult();
  }
}
