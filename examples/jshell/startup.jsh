// Segmint JShell startup: the imports a segmentation session needs.
import dev.segmint.features.*;
import dev.segmint.cluster.*;
import dev.segmint.profile.*;
import dev.segmint.quality.*;
import dev.segmint.report.*;
import tech.tablesaw.api.*;
import tech.tablesaw.io.csv.CsvReadOptions;
import static tech.tablesaw.api.ColumnType.*;
import java.nio.file.*;
import java.util.*;
import java.util.zip.GZIPInputStream;

/** Reads a CSV (or .csv.gz) file with the named columns as text: ids and order numbers keep their exact form. */
Table readCsv(String file, String... textColumns) throws Exception {
  var in = Files.newInputStream(Path.of(file));
  var stream = file.endsWith(".gz") ? new GZIPInputStream(in) : in;
  var types = new HashMap<String, ColumnType>();
  for (String c : textColumns) types.put(c, STRING);
  return Table.read().usingOptions(CsvReadOptions.builder(stream).columnTypesPartial(types));
}
