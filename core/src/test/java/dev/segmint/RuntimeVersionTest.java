package dev.segmint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** Proves that the java17 Surefire execution really runs on Java 17 (when Maven itself runs on 17). */
class RuntimeVersionTest {
  @Test
  void runsOnTheExpectedRuntime() {
    String expected = System.getProperty("segmint.expect.runtime", "");
    assumeTrue(!expected.isBlank(), "no runtime expectation for this execution");
    assertEquals(Integer.parseInt(expected.strip()), Runtime.version().feature(),
        "this test execution should run on Java " + expected + " but runs on " + Runtime.version());
  }
}
