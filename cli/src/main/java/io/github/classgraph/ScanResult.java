package io.github.classgraph;

import java.util.List;

/** The stand-in's scan result: Tablesaw's CSV and fixed-width readers and writers (see {@link ClassGraph}). */
public final class ScanResult implements AutoCloseable {
  /** The concrete classes of tablesaw-core implementing {@code tech.tablesaw.io.DataReader}. */
  static final List<String> READERS = List.of("tech.tablesaw.io.csv.CsvReader", "tech.tablesaw.io.fixed.FixedWidthReader");
  /** The concrete classes of tablesaw-core implementing {@code tech.tablesaw.io.DataWriter}. */
  static final List<String> WRITERS = List.of("tech.tablesaw.io.csv.CsvWriter", "tech.tablesaw.io.fixed.FixedWidthWriter");

  ScanResult() {}

  /** The readers or the writers, by interface name; an empty list for any other interface. */
  public ClassInfoList getClassesImplementing(String interfaceName) {
    return new ClassInfoList(switch (interfaceName) {
      case "tech.tablesaw.io.DataReader" -> READERS;
      case "tech.tablesaw.io.DataWriter" -> WRITERS;
      default -> List.of();
    });
  }

  @Override
  public void close() {}
}
