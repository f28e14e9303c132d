package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The preload list names classes that exist, and loading them runs no static initialiser. */
class ClassPreloaderTest {

  /** Set by the static initialiser below: the test checks that preloading does not run it. */
  static volatile boolean initialised;

  static final class HasInitialiser {
    static {
      initialised = true;
    }
  }

  @Test
  void everyListedClassLoads() throws IOException {
    List<String> missing = new ArrayList<>();
    int names = 0;
    try (InputStream in = ClassPreloader.class.getResourceAsStream(ClassPreloader.LIST)) {
      assertNotNull(in, "the list is on the class path beside ClassPreloader");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        names++;
        try {
          Class.forName(line, false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
          // the JDK's own internal classes differ between versions (the list is written on the default java, the
          // tests may run on another): those are skipped at run time; the jar's classes must all be there
          if (!jdk(line)) {
            missing.add(line);
          }
        }
      }
    }
    assertTrue(names > 300, names + " classes listed");
    assertTrue(missing.isEmpty(), "classes gone since the list was written (run cli/scripts/preload-classes.sh): "
        + missing);
    for (String name : ClassPreloader.INITIALISED) {
      try {
        Class.forName(name, false, getClass().getClassLoader());
      } catch (ClassNotFoundException e) {
        missing.add(name);
      }
    }
    assertTrue(missing.isEmpty(), "classes to initialise that are gone: " + missing);
    int loaded = ClassPreloader.loadAll();
    assertTrue(loaded >= names - jdkNames(), loaded + " of " + names);
  }

  private static boolean jdk(String name) {
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
        || name.startsWith("sun.") || name.startsWith("com.sun.");
  }

  private static int jdkNames() throws IOException {
    int n = 0;
    try (InputStream in = ClassPreloader.class.getResourceAsStream(ClassPreloader.LIST)) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        n += jdk(line) ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void loadsWithoutInitialisingAndSkipsWhatDoesNotLoad() throws IOException {
    String list = "# a comment\n\n" + HasInitialiser.class.getName() + "\nno.such.Clazz\njava.util.BitSet\n";
    int loaded = ClassPreloader.load(new BufferedReader(new StringReader(list)), getClass().getClassLoader());
    assertEquals(2, loaded);
    assertFalse(initialised, "loaded, not initialised");
    new HasInitialiser();
    assertTrue(initialised, "the test can see an initialisation");
  }
}
