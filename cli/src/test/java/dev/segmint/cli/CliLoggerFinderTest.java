package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CLI's System.Logger finder: registered, the library's loggers silent, others' warnings on stderr. */
class CliLoggerFinderTest {

  @Test
  void theLibraryIsSilentAndOtherWarningsReachStderr() {
    // registered through META-INF/services, so the JDK's finder (java.util.logging) is never started
    assertInstanceOf(CliLoggerFinder.class, System.LoggerFinder.getLoggerFinder());
    System.Logger kernel = System.getLogger("dev.segmint.kernel");
    for (System.Logger.Level l : System.Logger.Level.values()) {
      assertFalse(kernel.isLoggable(l), l.toString());
    }
    System.Logger other = System.getLogger("org.example.lib");
    assertTrue(other.isLoggable(System.Logger.Level.WARNING));
    assertTrue(other.isLoggable(System.Logger.Level.ERROR));
    assertFalse(other.isLoggable(System.Logger.Level.INFO));
    assertFalse(other.isLoggable(System.Logger.Level.OFF));
    PrintStream saved = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      kernel.log(System.Logger.Level.ERROR, "Segmint distance kernels: {0} ({1})", "scalar", "why");
      other.log(System.Logger.Level.INFO, "not shown");
      other.log(System.Logger.Level.WARNING, "disk {0} is {1}% full", "d1", 93);
    } finally {
      System.setErr(saved);
    }
    assertEquals("org.example.lib: WARNING: disk d1 is 93% full" + System.lineSeparator(),
        bytes.toString(StandardCharsets.UTF_8));
  }
}
