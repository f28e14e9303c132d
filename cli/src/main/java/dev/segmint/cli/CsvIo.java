package dev.segmint.cli;

import dev.segmint.internal.AtomicFiles;
import dev.segmint.report.Csv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * CSV in and out for the command line (reading: {@link CsvInput}): UTF-8, a header line, delimiter detected or given,
 * gzip by name or content.
 *
 * <p>Writing goes through the library's one CSV writer, {@link Csv}, with its spreadsheet-safety rule (OWASP "CSV
 * injection"). Ids round-trip: when Segmint reads the id (text) columns of a CSV it removes one leading apostrophe
 * that precedes a formula character or another apostrophe ({@link Csv#undefuse}), so {@code segmint cluster} output
 * fed to {@code segmint profile} carries the original ids.
 */
final class CsvIo {
  private CsvIo() {}

  /**
   * Reads a CSV file (see {@link CsvInput}). Columns in {@code textColumns} (matched ignoring case; names that are
   * not in the header are ignored) are read as text, exactly as written; the others are typed from all rows.
   *
   * @param delimiter the delimiter, or {@code null} to detect it from the header (comma, tab, semicolon, pipe)
   */
  static Table read(Path file, Character delimiter, Set<String> textColumns) throws IOException {
    return CsvInput.open(file, new CsvInput.Options(delimiter, false, false)).read(textColumns);
  }

  /** Reads CSV from a source named {@code file} in messages (gzip-compressed when {@code gz}). */
  static Table read(String file, CsvInput.Source source, boolean gz, Character delimiter, Set<String> textColumns)
      throws IOException {
    return CsvInput.open(file, source, gz, new CsvInput.Options(delimiter, false, false)).read(textColumns);
  }

  /** A table as comma-separated UTF-8 (a header line, then one line per row; {@link Csv#write}), for {@link Outputs#write}. */
  static AtomicFiles.Content csv(Table table) {
    return w -> Csv.write(table, w);
  }
}
