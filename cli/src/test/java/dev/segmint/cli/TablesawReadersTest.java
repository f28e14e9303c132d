package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.classgraph.ClassGraph;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.DataReader;
import tech.tablesaw.io.DataWriter;

/** The CLI's ClassGraph stand-in names exactly the readers and writers that the Tablesaw jar holds. */
class TablesawReadersTest {

  @Test
  void standInNamesEveryReaderAndWriterOfTheTablesawJar() throws Exception {
    List<String> readers = new ArrayList<>();
    List<String> writers = new ArrayList<>();
    URI jar = Table.class.getProtectionDomain().getCodeSource().getLocation().toURI();
    File file = Path.of(jar).toFile();
    // a jar (Tablesaw's, or segmint.jar when the suite runs on the shaded jar)
    try (JarFile j = new JarFile(file)) {
      for (JarEntry e : Collections.list(j.entries())) {
        String name = e.getName();
        if (name.startsWith("tech/tablesaw/io/") && name.endsWith(".class")) {
          Class<?> c = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false,
              getClass().getClassLoader());
          if (!c.isInterface() && DataReader.class.isAssignableFrom(c)) {
            readers.add(c.getName());
          }
          if (!c.isInterface() && DataWriter.class.isAssignableFrom(c)) {
            writers.add(c.getName());
          }
        }
      }
    }
    Collections.sort(readers);
    Collections.sort(writers);
    var scan = new ClassGraph().enableAllInfo().whitelistPackages("tech.tablesaw.io").scan();
    assertEquals(readers, scan.getClassesImplementing(DataReader.class.getName()).getNames());
    assertEquals(writers, scan.getClassesImplementing(DataWriter.class.getName()).getNames());
    assertEquals(List.of("tech.tablesaw.io.csv.CsvReader", "tech.tablesaw.io.fixed.FixedWidthReader"), readers);
  }

  @Test
  void tablesawFindsItsCsvReaderAndWriter() {
    assertNotNull(Table.defaultReaderRegistry.getReaderForExtension("csv"));
    assertNotNull(Table.defaultWriterRegistry.getWriterForExtension("csv"));
  }
}
