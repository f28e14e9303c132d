// Segmint JShell startup: the imports a segmentation session needs.
import dev.segmint.*;
import dev.segmint.features.*;
import dev.segmint.cluster.*;
import dev.segmint.profile.*;
import dev.segmint.quality.*;
import dev.segmint.report.*;
import dev.segmint.cycle.*;
import tech.tablesaw.api.*;
import tech.tablesaw.io.csv.CsvReadOptions;
import tech.tablesaw.aggregate.AggregateFunctions;
import static tech.tablesaw.api.ColumnType.*;
import java.nio.file.*;
import java.util.*;
import java.time.LocalDate;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV (or .csv.gz) file with the named columns as text, so that ids and order numbers keep their exact form.
 * The separator is a tab when the header line has one, else a comma.
 */
Table readCsv(String file, String... textColumns) throws Exception {
  var in = Files.newInputStream(Path.of(file));
  byte[] bytes = (file.endsWith(".gz") ? new GZIPInputStream(in) : in).readAllBytes();
  in.close();
  int eol = 0;
  while (eol < bytes.length && bytes[eol] != '\n') eol++;
  char separator = new String(bytes, 0, eol, java.nio.charset.StandardCharsets.UTF_8).contains("\t") ? '\t' : ',';
  var types = new HashMap<String, ColumnType>();
  for (String c : textColumns) types.put(c, STRING);
  return Table.read().usingOptions(CsvReadOptions.builder(new java.io.ByteArrayInputStream(bytes))
      .separator(separator).columnTypesPartial(types));
}
