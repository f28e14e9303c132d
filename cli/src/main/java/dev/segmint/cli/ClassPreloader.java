package dev.segmint.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads the classes a command will need on a second thread while the command starts, so that the command's own
 * thread finds most of them loaded: reading, inflating and defining about 700 classes from the jar and the JDK's
 * modules took about 0.2 s of the main thread of a {@code segment} run on Online Retail (of 1.4 s), most of it
 * now on the second core.
 *
 * <p>The list is {@code preload-classes.txt} beside this class, written by {@code cli/scripts/preload-classes.sh}
 * from the class-loading log of the common commands, in the order they load them. The classes are loaded, not
 * initialised ({@link Class#forName(String, boolean, ClassLoader)} with {@code false}): no static initialiser of
 * theirs runs on this thread (but those of {@link #INITIALISED}), so the commands' results and their order of
 * initialisation do not change, and a class loaded by both threads at once is defined once (the class loader is
 * parallel-capable). A name that no longer loads is
 * skipped: a stale list costs speed, not correctness. {@code -Dsegmint.preload=false} turns it off.
 */
final class ClassPreloader {
  private ClassPreloader() {}

  static final String LIST = "preload-classes.txt";

  /** Starts the daemon thread that loads the listed classes, unless turned off; returns it (or null). */
  static Thread start() {
    if ("false".equals(System.getProperty("segmint.preload"))) {
      return null;
    }
    Thread t = new Thread(ClassPreloader::loadAll, "segmint-preload");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return t;
  }

  /**
   * Classes also initialised here, after the list: commons-math3's {@code FastMath} and its tables (about 4 MB of
   * them, 15–40 ms in a cold JVM), which the significance tests of the profiles need. Their static initialisers use
   * only commons-math3's own classes, never Segmint's, so the command's thread, if it needs them sooner, waits for
   * them and cannot deadlock with this one.
   */
  static final String[] INITIALISED = {"org.apache.commons.math3.util.FastMath",
      "org.apache.commons.math3.util.FastMath$lnMant", "org.apache.commons.math3.util.FastMath$ExpIntTable",
      "org.apache.commons.math3.util.FastMath$ExpFracTable"};

  /** Loads every listed class that loads, then initialises {@link #INITIALISED}; returns how many loaded. */
  static int loadAll() {
    ClassLoader loader = ClassPreloader.class.getClassLoader();
    int loaded = 0;
    try (InputStream in = ClassPreloader.class.getResourceAsStream(LIST)) {
      if (in != null) {
        loaded = load(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), loader);
      }
    } catch (IOException e) {
      // nothing is lost but time
    }
    for (String name : INITIALISED) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        // the command initialises it itself
      }
    }
    return loaded;
  }

  /** Loads, without initialising, each class named in {@code list} (lines; # comments) that loads. */
  static int load(BufferedReader list, ClassLoader loader) throws IOException {
    int loaded = 0;
    for (String line = list.readLine(); line != null; line = list.readLine()) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        Class.forName(line, false, loader);
        loaded++;
      } catch (ClassNotFoundException | LinkageError e) {
        // gone or not loadable here: the command loads what it needs itself
      }
    }
    return loaded;
  }
}
